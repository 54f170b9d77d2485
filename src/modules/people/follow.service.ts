import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import { followAddedEvent } from './follow.details.js';
import { contactIdentities } from './follow.persons.js';
import { findFollow, insertFollows, updateFollow, type FollowKey } from './follow.store.js';
import { resolveIdentities } from './identity.service.js';
import type { PeopleContext } from './people.context.js';
import { refreshPersonAddedAt } from './person-added.js';
import type { FollowRow, FollowStatus, NewFollowRow } from './relations.table.js';
import { recordPersonEvents } from './timeline.service.js';
import { reconcilePersonWecomTags } from './wecom-tags.reconcile.js';

type Db = Kysely<Database>;

/** A contact event as the follow services need it (from `contact.*` domain events). */
export interface ContactFact extends FollowKey {
  eventId: string;
  type: string;
  /** The platform's time of the event (epoch ms). */
  occurredAt: number;
  state?: string | undefined;
  /** Extra timeline properties (half-added, transfer source). */
  properties?: Record<string, unknown>;
}

export interface AppliedContactFact {
  follow: FollowRow;
  personId: string;
  /** False when the event was older than what the follow already reflects (or a duplicate). */
  applied: boolean;
}

/**
 * Whether an event changes a follow: newer than the latest applied, or at the same platform
 * time (WeCom times are seconds) and changing the status. A duplicate never applies.
 */
const applies = (follow: FollowRow, occurredAt: number, status: FollowStatus) =>
  occurredAt > follow.last_event_at ||
  (occurredAt === follow.last_event_at && follow.status !== status);

/**
 * An employee and a customer became friends (`contact.added`), in `trx`: the person by
 * external_userid, the follow active (a re-add after a removal re-activates it, from the
 * add's time; an add older than a later removal changes nothing), `person.added_at`, and a
 * `contact.added` timeline event. Null when the external user id is junk.
 */
export async function applyContactAdded(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  fact: ContactFact,
): Promise<AppliedContactFact | null> {
  const outcome = await upsertFollowStatus(trx, ctx, workspaceId, fact, 'active');
  if (!outcome) return null;
  const { follow, applied, home } = outcome;
  if (applied) {
    await refreshPersonAddedAt(trx, workspaceId, [follow.person_id]);
    await reconcilePersonWecomTags(trx, ctx, workspaceId, [follow.person_id]);
  }
  const event = followAddedEvent({ ...follow, home_person_id: home }, 'wecom', fact.properties);
  await recordPersonEvents(trx, ctx, workspaceId, [
    { ...event, occurredAt: fact.occurredAt, dedupKey: `event:${fact.eventId}` },
  ]);
  return { follow, personId: follow.person_id, applied };
}

/**
 * The customer deleted the employee, or the employee the customer, in `trx`: the follow's
 * status and `removed_at` (a removal older than the current add changes nothing; a removal
 * seen before its add keeps the follow removed when the add arrives), the person's corp tags
 * (only active follows carry them), and a timeline event of the event's type.
 */
export async function applyContactRemoved(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  fact: ContactFact,
  status: Exclude<FollowStatus, 'active'>,
): Promise<AppliedContactFact | null> {
  const outcome = await upsertFollowStatus(trx, ctx, workspaceId, fact, status);
  if (!outcome) return null;
  const { follow, applied, created, home } = outcome;
  if (created) await refreshPersonAddedAt(trx, workspaceId, [follow.person_id]);
  if (applied) await reconcilePersonWecomTags(trx, ctx, workspaceId, [follow.person_id]);
  await recordPersonEvents(trx, ctx, workspaceId, [
    {
      personId: home,
      type: fact.type,
      source: 'wecom',
      occurredAt: fact.occurredAt,
      dedupKey: `event:${fact.eventId}`,
      properties: {
        corpId: fact.corpId,
        employeeUserId: fact.employeeUserId,
        ...fact.properties,
      },
    },
  ]);
  return { follow, personId: follow.person_id, applied };
}

/** Finds or creates the person and the follow, and moves the follow to `status` if the event applies. */
async function upsertFollowStatus(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  fact: ContactFact,
  status: FollowStatus,
): Promise<{ follow: FollowRow; applied: boolean; created: boolean; home: string } | null> {
  const resolution = await resolveIdentities(
    trx,
    ctx,
    workspaceId,
    contactIdentities(fact.corpId, { externalUserId: fact.externalUserId, unionId: null }),
    { source: 'wecom', occurredAt: fact.occurredAt, event: { type: fact.type, id: fact.eventId } },
  );
  if (!resolution.personId || !resolution.homePersonId) return null;
  const home = resolution.homePersonId;
  const now = ctx.clock.now();
  const at = fact.occurredAt;
  const existing = await findFollow(trx, workspaceId, fact);
  if (!existing) {
    const row: NewFollowRow = {
      id: newId(now),
      workspace_id: workspaceId,
      person_id: resolution.personId,
      home_person_id: home,
      corp_id: fact.corpId,
      employee_user_id: fact.employeeUserId,
      external_user_id: fact.externalUserId,
      state: fact.state ?? null,
      add_way: null,
      remark: null,
      description: null,
      wecom_tag_ids: '[]',
      status,
      // A removal seen first: the add time is unknown until the add (or the details) arrive.
      added_at: at,
      removed_at: status === 'active' ? null : at,
      last_event_at: at,
      updated_at: now,
    };
    if ((await insertFollows(trx, [row])).length === 1) {
      return { follow: row as FollowRow, applied: true, created: true, home };
    }
  }
  const follow = existing ?? (await findFollow(trx, workspaceId, fact))!;
  if (!applies(follow, at, status)) return { follow, applied: false, created: false, home };
  const changes =
    status === 'active'
      ? {
          status,
          removed_at: null,
          added_at: follow.status === 'active' ? follow.added_at : at,
          state: fact.state ?? follow.state,
        }
      : { status, removed_at: at };
  await updateFollow(trx, workspaceId, follow.id, {
    ...changes,
    last_event_at: at,
    updated_at: now,
  });
  return {
    follow: { ...follow, ...changes, last_event_at: at, updated_at: now },
    applied: true,
    created: false,
    home,
  };
}
