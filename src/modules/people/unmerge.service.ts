import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { refreshPersonAddedAt } from './person-added.js';
import { AppError } from '../../platform/http/errors.js';
import type { AuditActor } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { findMerge, updateMerge } from './merge.store.js';
import { moveBackByHome, reelectVisibleRows } from './merge.movers.js';
import { publishMergeEvent } from './merge.service.js';
import type { MergeMoved } from './merge.types.js';
import type { PeopleContext } from './people.context.js';
import {
  findPerson,
  lockPersons,
  personTree,
  resolvePersonId,
  updatePerson,
} from './person.store.js';
import { reconcilePersonWecomTags } from './wecom-tags.reconcile.js';

type Db = Kysely<Database>;

export const mergeNotFound = () => new AppError('not_found', 'Merge not found');

/** Undos and merges committed while waiting for the locks that `lockMerge` follows. */
const maxLockAttempts = 10;

const alreadyUndone = () => new AppError('conflict', 'This merge was already undone');

/**
 * The merge, checked, with the loser and the winner's live person locked (PostgreSQL). The
 * merge is read again once they are locked: another undo, a later merge of the winner or an
 * erasure may have committed while we waited.
 */
async function lockMerge(trx: Db, workspaceId: string, mergeId: string) {
  for (let attempt = 0; attempt < maxLockAttempts; attempt++) {
    const seen = await findMerge(trx, workspaceId, mergeId);
    if (!seen) throw mergeNotFound();
    if (seen.undone_at !== null) throw alreadyUndone();
    const rootId = await resolvePersonId(trx, workspaceId, seen.winner_person_id);
    if (!rootId) throw new Error(`Merge ${mergeId} names an unknown winner`);
    const locked = await lockPersons(trx, workspaceId, [rootId, seen.loser_person_id]);
    const merge = (await findMerge(trx, workspaceId, mergeId))!;
    if (merge.undone_at !== null) throw alreadyUndone();
    const loser = locked.find((p) => p.id === merge.loser_person_id);
    if (!loser || loser.erased_at !== null) {
      throw new AppError('conflict', 'The person was erased; the merge cannot be undone');
    }
    if (loser.merged_into !== merge.winner_person_id)
      throw new Error(`Merge ${mergeId} does not match its persons`);
    const root = locked.find((p) => p.id === rootId);
    if (root && root.merged_into === null) return { merge, rootId };
  }
  throw new Error(`Merge ${mergeId}: its persons kept changing while they were locked`);
}

/**
 * Undoes a merge in `trx`: the loser is a person again and takes back everything recorded for
 * it or for persons merged into it (identities, tag links, attribute values, timeline events,
 * other modules' rows), including what arrived after the merge through its identities. The
 * winner keeps its own, and what was added to the merged person directly. Works on any merge
 * of a chain (A←B then A←C: undoing B leaves C merged into A). Audited, published as
 * `person.unmerged`; automatic resolution will not merge the two again (a conflict instead).
 */
export async function undoMerge(
  trx: Db,
  ctx: PeopleContext,
  input: {
    workspaceId: string;
    mergeId: string;
    by: AuditActor;
    request?: { ip: string; id: string } | undefined;
  },
): Promise<void> {
  const { workspaceId, mergeId } = input;
  const { merge, rootId } = await lockMerge(trx, workspaceId, mergeId);
  const loserId = merge.loser_person_id;
  const winnerId = merge.winner_person_id;
  const at = ctx.clock.now();
  const homes = await personTree(trx, workspaceId, loserId);
  const moved = JSON.parse(merge.moved) as MergeMoved;

  await moveBackByHome(trx, workspaceId, homes, loserId);
  await ctx.timeline.reassignHomes(trx, workspaceId, homes, loserId);
  for (const table of ctx.personOwned.list()) {
    await table.unmerge(trx, {
      workspaceId,
      loserId,
      rootId,
      homes,
      mergeId,
      moved: moved.hooks[table.name],
      at,
    });
  }
  await reelectVisibleRows(trx, workspaceId, loserId);
  await reelectVisibleRows(trx, workspaceId, rootId);
  await refreshPersonAddedAt(trx, workspaceId, [loserId, rootId]);

  // Profile fields the winner took from the loser go back to empty, unless changed since.
  const winner = (await findPerson(trx, workspaceId, winnerId))!;
  await updatePerson(trx, workspaceId, winnerId, {
    updated_at: at,
    ...(moved.profile.displayName !== undefined && winner.display_name === moved.profile.displayName
      ? { display_name: null }
      : {}),
    ...(moved.profile.avatarUrl !== undefined && winner.avatar_url === moved.profile.avatarUrl
      ? { avatar_url: null }
      : {}),
  });
  await updatePerson(trx, workspaceId, loserId, { merged_into: null, updated_at: at });
  // Corp tags set while merged (from the follows of both) are again each one's own.
  await reconcilePersonWecomTags(trx, ctx, workspaceId, [loserId, rootId]);
  await updateMerge(trx, workspaceId, mergeId, { undone_at: at, undone_by: input.by.label });
  // The operator says they are two people: conflicts this merge resolved are dismissed.
  await trx
    .updateTable('identity_conflict')
    .set({ status: 'dismissed', resolved_at: at, resolved_by: input.by.label })
    .where('workspace_id', '=', workspaceId)
    .where('merge_id', '=', mergeId)
    .execute();
  await recordAudit(trx, {
    workspaceId,
    actor: input.by,
    action: 'person.merge_undone',
    entityType: 'person',
    entityId: loserId,
    before: { mergedInto: winnerId },
    after: { mergeId, homes },
    request: input.request,
    at,
  });
  await publishMergeEvent(trx, ctx, 'person.unmerged', {
    workspaceId,
    mergeId,
    winnerId,
    loserId,
    at,
  });
}
