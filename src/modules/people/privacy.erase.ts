import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { AuditActor } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { listConflictsOf, updateConflicts } from './conflict.store.js';
import type { Erasure } from './customer.schemas.js';
import { deleteIdentitiesOf } from './identity.store.js';
import { listMergesOf, updateMerge } from './merge.store.js';
import type { MergeCause, MergeCauseIdentity, MergeMoved } from './merge.types.js';
import type { PeopleContext } from './people.context.js';
import { requirePerson } from './person.service.js';
import { personTree, updatePerson } from './person.store.js';
import { iso } from './tag.mapping.js';
import type { PersonEvent } from './timeline.store.js';

type Db = Kysely<Database>;

/**
 * Event property keys that never hold the customer's personal data: kept on erasure when they
 * are strings. Numbers and booleans are always kept (amounts, counts, flags).
 */
export const nonPersonalPropertyKeys = new Set([
  'tagId',
  'tagName',
  'groupId',
  'by',
  'state',
  'scene',
  'channel',
  'channelCodeId',
  'campaignId',
  'journeyId',
  'stepId',
  'orderId',
  'currency',
  'status',
  'appId',
  'corpId',
  'employeeUserId',
  'source',
  'reason',
]);

/** What erasure leaves of an event's properties: anonymous facts for aggregates. */
export function redactEventProperties(event: PersonEvent): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(event.properties).filter(
      ([key, value]) =>
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        (typeof value === 'string' && nonPersonalPropertyKeys.has(key)),
    ),
  );
}

/**
 * Erases a person's personal data in `trx` (PIPL), for the person and every person merged
 * into it: identities are deleted (the same WeChat user coming back is a new person), personal
 * attributes deleted, name and avatar cleared, timeline events keep their type and time but
 * lose personal properties, merge records and conflicts lose identity values, other modules'
 * tables erase theirs. Tags and non-personal attributes stay (anonymous aggregates). The
 * persons keep their ids with `erased_at` set. Audited (without personal data).
 */
export async function erasePerson(
  trx: Db,
  ctx: PeopleContext,
  input: {
    workspaceId: string;
    personId: string;
    by: AuditActor;
    reason?: string | undefined;
    request?: { ip: string; id: string } | undefined;
  },
): Promise<Erasure> {
  const { workspaceId } = input;
  const person = await requirePerson(trx, workspaceId, input.personId, { writable: true });
  const tree = await personTree(trx, workspaceId, person.id);
  const at = ctx.clock.now();

  const identitiesDeleted = await deleteIdentitiesOf(trx, workspaceId, tree);
  const piiKeys = (
    await trx
      .selectFrom('attribute_definition')
      .select('key')
      .where('workspace_id', '=', workspaceId)
      .where('pii', '=', 1)
      .execute()
  ).map((d) => d.key);
  const attributes =
    piiKeys.length === 0
      ? { numDeletedRows: 0n }
      : await trx
          .deleteFrom('person_attribute')
          .where('workspace_id', '=', workspaceId)
          .where('person_id', 'in', tree)
          .where('key', 'in', piiKeys)
          .executeTakeFirst();
  const eventsRedacted = await ctx.timeline.redact(trx, workspaceId, tree, redactEventProperties);
  await scrubMerges(trx, workspaceId, tree, new Set(piiKeys));
  const conflicts = await listConflictsOf(trx, workspaceId, tree);
  for (const c of conflicts) {
    await updateConflicts(trx, workspaceId, [c.id], {
      value: null,
      value_key: `erased:${c.id}`,
      ...(c.status === 'open'
        ? { status: 'dismissed' as const, resolved_at: at, resolved_by: input.by.label }
        : {}),
    });
  }
  for (const table of ctx.personOwned.list()) {
    await table.erase?.(trx, { workspaceId, personIds: tree, at });
  }
  await updatePerson(trx, workspaceId, tree, {
    display_name: null,
    avatar_url: null,
    erased_at: at,
    updated_at: at,
  });
  const erasure: Erasure = {
    personIds: tree,
    identitiesDeleted,
    attributesDeleted: Number(attributes.numDeletedRows),
    eventsRedacted,
    erasedAt: iso(at),
  };
  await recordAudit(trx, {
    workspaceId,
    actor: input.by,
    action: 'person.erased',
    entityType: 'person',
    entityId: person.id,
    after: { ...erasure, reason: input.reason ?? null },
    request: input.request,
    at,
  });
  await ctx.bus.publish(trx, workspaceId, [
    {
      type: 'person.erased',
      dedupKey: `person.erased:${person.id}`,
      occurredAt: at,
      data: { personId: person.id, personIds: tree },
    },
  ]);
  return erasure;
}

/** Merge records keep their shape (who, when, what moved) but no personal value. */
async function scrubMerges(
  trx: Db,
  workspaceId: string,
  tree: readonly string[],
  piiKeys: ReadonlySet<string>,
): Promise<void> {
  const scrub = (i: MergeCauseIdentity | null | undefined) => (i ? { ...i, value: null } : null);
  for (const merge of await listMergesOf(trx, workspaceId, tree)) {
    const cause = JSON.parse(merge.cause) as MergeCause;
    const moved = JSON.parse(merge.moved) as MergeMoved;
    const scrubbedCause: MergeCause = {
      ...cause,
      identity: scrub(cause.identity),
      loserIdentity: scrub(cause.loserIdentity),
    };
    const scrubbedMoved: MergeMoved = {
      ...moved,
      profile: {},
      attributeConflicts: moved.attributeConflicts.map((c) =>
        piiKeys.has(c.key)
          ? { ...c, other: { ...c.other, valueText: null, valueNumber: null } }
          : c,
      ),
    };
    await updateMerge(trx, workspaceId, merge.id, {
      cause: JSON.stringify(scrubbedCause),
      moved: JSON.stringify(scrubbedMoved),
    });
  }
}
