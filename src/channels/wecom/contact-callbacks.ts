import type { EventDraft } from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import type { WecomCallback } from './callback-context.js';

/** `Event=change_external_contact`: a customer and an employee became, or stopped being, friends. */
export function mapExternalContactChange({
  root,
  corpId,
  changeType,
}: WecomCallback): readonly EventDraft[] | null {
  // Each draft's data is built in one object literal (no spreads, no closures per call): this
  // runs for every contact callback, thousands a second.
  const employeeUserId = nonEmptyTextOf(root, 'UserID');
  const externalUserId = nonEmptyTextOf(root, 'ExternalUserID');
  switch (changeType) {
    case 'add_external_contact':
    case 'add_half_external_contact':
      return [
        {
          type: 'contact.added',
          data: {
            corpId,
            employeeUserId,
            externalUserId,
            state: nonEmptyTextOf(root, 'State'),
            welcomeCode: nonEmptyTextOf(root, 'WelcomeCode'),
            half: changeType === 'add_half_external_contact',
          },
        },
      ];
    case 'edit_external_contact':
      return [
        {
          type: 'contact.updated',
          data: { corpId, employeeUserId, externalUserId, state: nonEmptyTextOf(root, 'State') },
        },
      ];
    case 'del_external_contact':
      return [
        {
          type: 'contact.removed_by_employee',
          data: {
            corpId,
            employeeUserId,
            externalUserId,
            source:
              nonEmptyTextOf(root, 'Source') === 'DELETE_BY_TRANSFER' ? 'transfer' : undefined,
          },
        },
      ];
    case 'del_follow_user':
      return [
        { type: 'contact.removed_by_customer', data: { corpId, employeeUserId, externalUserId } },
      ];
    case 'transfer_fail':
      return [
        {
          type: 'contact.transfer_failed',
          data: {
            corpId,
            employeeUserId,
            externalUserId,
            failReason: failReason(nonEmptyTextOf(root, 'FailReason')),
          },
        },
      ];
    default:
      return null;
  }
}

function failReason(value: string | undefined) {
  if (value === 'customer_refused') return 'customer_refused';
  if (value === 'customer_limit_exceed') return 'customer_limit_exceeded';
  return 'other';
}
