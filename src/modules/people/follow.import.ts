import type { Kysely } from 'kysely';
import type {
  ExternalContact,
  FollowInfo,
} from '../../channels/wecom/client/external-contact.mapping.js';
import type { Database } from '../../database.js';
import {
  applyContactDetails,
  type AppliedContactDetails,
  type ContactDetails,
} from './follow.details.js';
import type { PeopleContext } from './people.context.js';

/** One row of `externalContacts.batchGetByUser`: a customer and one employee's relation. */
export interface ImportedContactRow {
  contact: ExternalContact;
  followInfo: FollowInfo;
}

/**
 * Imports a page of WeCom customers (rows of `batchGetByUser`, one per customer and employee)
 * in `trx`: persons (by external_userid and unionid), names and avatars, follows with remark,
 * description, add way, state and corp tag ids. Idempotent: importing the same page again
 * only writes what changed. Returns the persons touched and those whose WeCom tags changed.
 */
export async function upsertFollowsFromImport(
  trx: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  corpId: string,
  rows: readonly ImportedContactRow[],
): Promise<AppliedContactDetails> {
  const byContact = new Map<
    string,
    ContactDetails & { follows: ContactDetails['follows'][number][] }
  >();
  for (const { contact, followInfo } of rows) {
    if (contact.externalUserId === '') continue;
    const item = byContact.get(contact.externalUserId) ?? { contact, follows: [] };
    byContact.set(contact.externalUserId, item);
    item.follows.push(followInfo);
  }
  return applyContactDetails(trx, ctx, workspaceId, corpId, [...byContact.values()], {
    source: 'import',
    occurredAt: ctx.clock.now(),
  });
}
