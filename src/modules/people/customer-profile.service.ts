import { employeeNames } from '../employees/index.js';
import type { Acting } from '../workspace/actor.js';
import { revealsPii } from './acting.js';
import { listAttributeDefinitionRows, listAttributeRowsOf } from './attribute.store.js';
import {
  followRowToFollower,
  mergeRowToSummary,
  oaSubscriptionRowToSubscription,
} from './customer-profile.mapping.js';
import { countOpenConflicts, mergeTreeOf } from './customer-profile.store.js';
import { requireVisiblePerson } from './customer-scope.js';
import {
  attributeRowsToAttributes,
  identityRowToIdentity,
  personEventToTimelineEvent,
} from './customer.mapping.js';
import type { CustomerProfile } from './customer.schemas.js';
import { listIdentitiesOf } from './identity.store.js';
import type { PeopleContext } from './people.context.js';
import { iso, visibleTagToPersonTag } from './tag.mapping.js';
import { listVisibleTagsOf } from './tag.store.js';

const recentEventCount = 20;
const mergeSummaryCount = 20;

/**
 * Everything the profile page shows in one call: the person, identities (masked per PII
 * rules), followers with employee names, OA subscriptions, tags, attributes, the latest
 * events, merges and the open conflicts count. 404 for ids outside the caller's scope.
 */
export async function loadCustomerProfile(
  ctx: PeopleContext,
  acting: Acting,
  personId: string,
): Promise<CustomerProfile> {
  const { workspaceId } = acting;
  const { db } = ctx;
  const reveal = revealsPii(acting);
  const person = await requireVisiblePerson(ctx, acting, personId);
  const [identities, tags, definitions, attributes, events, conflicts, follows, oa, merged] =
    await Promise.all([
      listIdentitiesOf(db, workspaceId, [person.id]),
      listVisibleTagsOf(db, workspaceId, [person.id]),
      listAttributeDefinitionRows(db, workspaceId),
      listAttributeRowsOf(db, workspaceId, [person.id]),
      ctx.timeline.listForPerson(workspaceId, person.id, { limit: recentEventCount }),
      countOpenConflicts(db, workspaceId, person.id),
      db
        .selectFrom('follow')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', person.id)
        .orderBy('added_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('oa_subscription')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', person.id)
        .orderBy('app_id')
        .orderBy('id')
        .execute(),
      mergeTreeOf(db, workspaceId, person.id),
    ]);
  const names = await employeeNames(
    db,
    workspaceId,
    follows.map((f) => f.employee_user_id),
  );
  return {
    id: person.id,
    requestedId: personId === person.id ? null : personId,
    displayName: person.display_name,
    avatarUrl: person.avatar_url,
    createdAt: iso(person.created_at),
    updatedAt: iso(person.updated_at),
    erasedAt: person.erased_at === null ? null : iso(person.erased_at),
    mergedPersonIds: merged.tree.filter((id) => id !== person.id),
    identities: identities.map((row) => identityRowToIdentity(ctx, row, reveal)),
    tags: tags.map(visibleTagToPersonTag),
    attributes: attributeRowsToAttributes(ctx, definitions, attributes, reveal),
    recentEvents: events.map(personEventToTimelineEvent),
    openConflicts: conflicts,
    followers: follows.map((row) => followRowToFollower(row, names.get(row.employee_user_id))),
    oaSubscriptions: oa.map(oaSubscriptionRowToSubscription),
    merges: merged.merges.slice(0, mergeSummaryCount).map(mergeRowToSummary),
  };
}
