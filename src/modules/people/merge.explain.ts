import { decodeAttributeValue, displayAttributeValue } from './attribute-value.js';
import { listAttributeDefinitionRows } from './attribute.store.js';
import { displayIdentityValue } from './identity.display.js';
import { maskedCause } from './merge.service.js';
import type { Merge } from './merge.schemas.js';
import { findMerge, listMergesOf } from './merge.store.js';
import type { MergeCause, MergeMoved } from './merge.types.js';
import type { PeopleContext } from './people.context.js';
import type { IdentityMergeRow } from './person.table.js';
import { personTree, resolvePersonId } from './person.store.js';
import { customerNotFound } from './person.service.js';
import { iso } from './tag.mapping.js';
import { mergeNotFound } from './unmerge.service.js';

/** A merge explained: why (cause, one sentence), what moved, who did it, whether undone. */
export async function explainMerge(
  ctx: PeopleContext,
  workspaceId: string,
  mergeId: string,
  options: { reveal: boolean },
): Promise<Merge> {
  const row = await findMerge(ctx.db, workspaceId, mergeId);
  if (!row) throw mergeNotFound();
  return (await explainMerges(ctx, workspaceId, [row], options))[0]!;
}

/** Every merge the person (and the persons merged into it) took part in, newest first. */
export async function mergeHistory(
  ctx: PeopleContext,
  workspaceId: string,
  personId: string,
  options: { reveal: boolean },
): Promise<Merge[]> {
  const liveId = await resolvePersonId(ctx.db, workspaceId, personId);
  if (!liveId) throw customerNotFound();
  const tree = await personTree(ctx.db, workspaceId, liveId);
  return explainMerges(ctx, workspaceId, await listMergesOf(ctx.db, workspaceId, tree), options);
}

export async function explainMerges(
  ctx: PeopleContext,
  workspaceId: string,
  rows: readonly IdentityMergeRow[],
  options: { reveal: boolean },
): Promise<Merge[]> {
  if (rows.length === 0) return [];
  const parsed = rows.map((row) => ({
    row,
    cause: JSON.parse(row.cause) as MergeCause,
    moved: JSON.parse(row.moved) as MergeMoved,
  }));
  const identityIds = parsed.flatMap((p) => p.moved.identities);
  const tagIds = parsed.flatMap((p) => p.moved.tags.map((t) => t.tagId));
  const [identities, tags, definitions] = await Promise.all([
    identityIds.length === 0
      ? []
      : ctx.db
          .selectFrom('identity')
          .select(['id', 'kind', 'namespace', 'value'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', identityIds)
          .execute(),
    tagIds.length === 0
      ? []
      : ctx.db
          .selectFrom('tag')
          .select(['id', 'name'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', tagIds)
          .execute(),
    listAttributeDefinitionRows(ctx.db, workspaceId),
  ]);
  const identityById = new Map(identities.map((i) => [i.id, i]));
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const definition = new Map(definitions.map((d) => [d.key, d]));
  return parsed.map(({ row, cause, moved }) => {
    const shown = maskedCause(ctx, cause, options.reveal);
    return {
      id: row.id,
      winnerPersonId: row.winner_person_id,
      loserPersonId: row.loser_person_id,
      summary: summarize(row, shown),
      cause: {
        reason: shown.reason,
        identity: shown.identity,
        loserIdentity: shown.loserIdentity ?? null,
        source: shown.source,
        event: shown.event ?? null,
        conflictId: shown.conflictId ?? null,
      },
      moved: {
        identities: moved.identities.map((id) => {
          const identity = identityById.get(id);
          return identity
            ? {
                ...identity,
                value: displayIdentityValue(ctx, identity.kind, identity.value, options.reveal),
              }
            : { id, kind: 'unknown', namespace: '', value: null };
        }),
        tags: moved.tags.map((t) => ({
          tagId: t.tagId,
          name: tagName.get(t.tagId) ?? null,
          shadowed: t.shadowed,
        })),
        attributes: moved.attributes.map((a) => ({ key: a.key, shadowed: a.shadowed })),
        attributeConflicts: moved.attributeConflicts.map((c) => {
          const def = definition.get(c.key);
          const value = def
            ? decodeAttributeValue(
                def,
                { value_text: c.other.valueText, value_number: c.other.valueNumber },
                ctx.pii,
              )
            : null;
          return {
            key: c.key,
            kept: c.kept,
            otherValue: def ? displayAttributeValue(def, value, options.reveal).value : null,
            otherUpdatedAt: iso(c.other.updatedAt),
          };
        }),
        events: moved.events,
        profile: moved.profile,
        hooks: moved.hooks,
      },
      mergedBy: row.merged_by,
      createdAt: iso(row.created_at),
      undoneAt: row.undone_at === null ? null : iso(row.undone_at),
      undoneBy: row.undone_by,
    };
  });
}

function summarize(row: IdentityMergeRow, cause: MergeCause): string {
  const describe = (i: MergeCause['identity']) =>
    i
      ? `${i.kind} ${i.value ?? '(erased)'}${i.namespace ? ` (${i.namespace})` : ''}`
      : 'an identity';
  const via = cause.event ? ` in ${cause.event.type}` : '';
  const head =
    cause.reason === 'manual'
      ? `${row.merged_by} merged ${row.loser_person_id} into ${row.winner_person_id} after reviewing a conflict`
      : `${describe(cause.loserIdentity ?? null)} of ${row.loser_person_id} was reported by ${cause.source}${via} together with ${describe(cause.identity)} of ${row.winner_person_id}, so they are one person`;
  return row.undone_at === null ? head : `${head}; undone by ${row.undone_by}`;
}
