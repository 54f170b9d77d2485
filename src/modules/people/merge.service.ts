import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { refreshPersonAddedAt } from './person-added.js';
import { newId } from '../../platform/ids.js';
import type { AuditActor } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { updateConflicts } from './conflict.store.js';
import { displayIdentityValue } from './identity.display.js';
import { listIdentitiesOf } from './identity.store.js';
import { insertMerge } from './merge.store.js';
import { moveAttributeValues, moveTagLinks } from './merge.movers.js';
import type { MergeCause, MergeCauseIdentity, MergeMoved } from './merge.types.js';
import type { PeopleContext } from './people.context.js';
import { lockPersons, updatePerson } from './person.store.js';

type Db = Kysely<Database>;

export interface MergeRequest {
  workspaceId: string;
  winnerId: string;
  loserId: string;
  cause: MergeCause;
  by: AuditActor;
  request?: { ip: string; id: string } | undefined;
}

/**
 * Merges `loserId` into `winnerId` in `trx`: identities, tag links, attribute values, timeline
 * events and the rows of every registered person-owned table move to the winner; the loser
 * keeps `merged_into`, so its id still resolves. Recorded (cause and what moved), audited,
 * and published as `person.merged`. The caller picks the winner (the older person) and has
 * checked the limits. Returns the merge id.
 */
export async function mergePersons(
  trx: Db,
  ctx: PeopleContext,
  req: MergeRequest,
): Promise<string> {
  const { workspaceId, winnerId, loserId } = req;
  const persons = await lockPersons(trx, workspaceId, [winnerId, loserId]);
  const winner = persons.find((p) => p.id === winnerId);
  const loser = persons.find((p) => p.id === loserId);
  if (!winner || !loser || winnerId === loserId) throw new Error('Merge of unknown persons');
  for (const p of [winner, loser]) {
    if (p.merged_into !== null || p.erased_at !== null) {
      throw new Error(`Person ${p.id} is merged away or erased; merge its live person instead`);
    }
  }
  const at = ctx.clock.now();
  const mergeId = newId(at);

  const identities = (await listIdentitiesOf(trx, workspaceId, [loserId])).map((i) => i.id);
  await trx
    .updateTable('identity')
    .set({ person_id: winnerId })
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', loserId)
    .execute();
  const tags = await moveTagLinks(trx, workspaceId, winnerId, loserId);
  const attributes = await moveAttributeValues(trx, workspaceId, winnerId, loserId);
  const events = await ctx.timeline.reassignPerson(trx, workspaceId, loserId, winnerId);
  const hooks: Record<string, unknown> = {};
  for (const table of ctx.personOwned.list()) {
    hooks[table.name] = await table.merge(trx, { workspaceId, winnerId, loserId, mergeId, at });
  }
  await refreshPersonAddedAt(trx, workspaceId, [winnerId, loserId]);

  const profile: MergeMoved['profile'] = {};
  if (winner.display_name === null && loser.display_name !== null) {
    profile.displayName = loser.display_name;
  }
  if (winner.avatar_url === null && loser.avatar_url !== null) profile.avatarUrl = loser.avatar_url;
  await updatePerson(trx, workspaceId, winnerId, {
    updated_at: at,
    ...(profile.displayName !== undefined ? { display_name: profile.displayName } : {}),
    ...(profile.avatarUrl !== undefined ? { avatar_url: profile.avatarUrl } : {}),
  });
  await updatePerson(trx, workspaceId, loserId, { merged_into: winnerId, updated_at: at });

  const moved: MergeMoved = { identities, tags, ...attributes, events, profile, hooks };
  await insertMerge(trx, {
    id: mergeId,
    workspace_id: workspaceId,
    winner_person_id: winnerId,
    loser_person_id: loserId,
    cause: JSON.stringify(req.cause),
    moved: JSON.stringify(moved),
    merged_by: req.by.label,
    created_at: at,
    undone_at: null,
    undone_by: null,
  });
  await settleConflictsBetween(trx, workspaceId, winnerId, loserId, {
    status: 'resolved',
    resolved_at: at,
    resolved_by: req.by.label,
    merge_id: mergeId,
  });
  await recordAudit(trx, {
    workspaceId,
    actor: req.by,
    action: 'person.merged',
    entityType: 'person',
    entityId: winnerId,
    after: {
      mergeId,
      loserId,
      cause: maskedCause(ctx, req.cause),
      moved: { identities: identities.length, tags: tags.length, events },
    },
    request: req.request,
    at,
  });
  await publishMergeEvent(trx, ctx, 'person.merged', {
    workspaceId,
    mergeId,
    winnerId,
    loserId,
    at,
  });
  return mergeId;
}

/** Open conflicts between the two persons are settled by their merge (or its undoing). */
export async function settleConflictsBetween(
  trx: Db,
  workspaceId: string,
  a: string,
  b: string,
  changes: Parameters<typeof updateConflicts>[3],
): Promise<void> {
  const [first, second] = a < b ? [a, b] : [b, a];
  const rows = await trx
    .selectFrom('identity_conflict')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('person_a_id', '=', first)
    .where('person_b_id', '=', second)
    .where('status', '=', 'open')
    .execute();
  await updateConflicts(
    trx,
    workspaceId,
    rows.map((r) => r.id),
    changes,
  );
}

/** The cause with personal identity values masked (unless `reveal`). */
export function maskedCause(ctx: PeopleContext, cause: MergeCause, reveal = false): MergeCause {
  const mask = (identity: MergeCauseIdentity | null | undefined): MergeCauseIdentity | null =>
    identity
      ? { ...identity, value: displayIdentityValue(ctx, identity.kind, identity.value, reveal) }
      : null;
  return { ...cause, identity: mask(cause.identity), loserIdentity: mask(cause.loserIdentity) };
}

/** `person.merged` / `person.unmerged`, once per merge. */
export async function publishMergeEvent(
  trx: Db,
  ctx: PeopleContext,
  type: 'person.merged' | 'person.unmerged',
  m: { workspaceId: string; mergeId: string; winnerId: string; loserId: string; at: number },
): Promise<void> {
  const data = { mergeId: m.mergeId, winnerId: m.winnerId, loserId: m.loserId };
  await ctx.bus.publish(trx, m.workspaceId, [
    { type, dedupKey: `${type}:${m.mergeId}`, occurredAt: m.at, data },
  ]);
}
