import type { EventDraft } from '../shared/callback-outcome.js';
import { nonEmptyTextOf } from '../shared/xml-read.js';
import type { WecomCallback } from './callback-context.js';

/** `Event=change_external_contact`: a customer and an employee became, or stopped being, friends. */
export function mapExternalContactChange({ root, corpId, changeType }: WecomCallback) {
  const contact = {
    corpId,
    employeeUserId: nonEmptyTextOf(root, 'UserID'),
    externalUserId: nonEmptyTextOf(root, 'ExternalUserID'),
  };
  const one = (draft: EventDraft): readonly EventDraft[] => [draft];
  switch (changeType) {
    case 'add_external_contact':
    case 'add_half_external_contact':
      return one({
        type: 'contact.added',
        data: {
          ...contact,
          state: nonEmptyTextOf(root, 'State'),
          welcomeCode: nonEmptyTextOf(root, 'WelcomeCode'),
          half: changeType === 'add_half_external_contact',
        },
      });
    case 'edit_external_contact':
      return one({
        type: 'contact.updated',
        data: { ...contact, state: nonEmptyTextOf(root, 'State') },
      });
    case 'del_external_contact':
      return one({
        type: 'contact.removed_by_employee',
        data: {
          ...contact,
          source: nonEmptyTextOf(root, 'Source') === 'DELETE_BY_TRANSFER' ? 'transfer' : undefined,
        },
      });
    case 'del_follow_user':
      return one({ type: 'contact.removed_by_customer', data: contact });
    case 'transfer_fail':
      return one({
        type: 'contact.transfer_failed',
        data: { ...contact, failReason: failReason(nonEmptyTextOf(root, 'FailReason')) },
      });
    default:
      return null;
  }
}

function failReason(value: string | undefined) {
  if (value === 'customer_refused') return 'customer_refused';
  if (value === 'customer_limit_exceed') return 'customer_limit_exceeded';
  return 'other';
}
