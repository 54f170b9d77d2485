import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { MergeMoved } from './merge.types.js';

type Db = Kysely<Database>;

/**
 * Tag links and attribute values of a merged person: every row moves to the winner and keeps
 * its `home_person_id`; where both persons have the tag or the attribute, one row stays
 * visible and the other is `shadowed`, so nothing is lost and an unmerge can give it back.
 */

export async function moveTagLinks(
  trx: Db,
  workspaceId: string,
  winnerId: string,
  loserId: string,
): Promise<MergeMoved['tags']> {
  const [loserLinks, winnerLinks] = await Promise.all(
    [loserId, winnerId].map((personId) =>
      trx
        .selectFrom('person_tag')
        .select(['tag_id', 'home_person_id', 'shadowed'])
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', personId)
        .execute(),
    ),
  );
  const winnerHas = new Set(winnerLinks!.filter((l) => l.shadowed === 0).map((l) => l.tag_id));
  const toShadow = loserLinks!.filter((l) => l.shadowed === 0 && winnerHas.has(l.tag_id));
  if (toShadow.length > 0) {
    await trx
      .updateTable('person_tag')
      .set({ shadowed: 1 })
      .where('workspace_id', '=', workspaceId)
      .where('person_id', '=', loserId)
      .where(
        'tag_id',
        'in',
        toShadow.map((l) => l.tag_id),
      )
      .execute();
  }
  await trx
    .updateTable('person_tag')
    .set({ person_id: winnerId })
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', loserId)
    .execute();
  return loserLinks!.map((l) => ({
    tagId: l.tag_id,
    homePersonId: l.home_person_id,
    shadowed: l.shadowed === 1 || winnerHas.has(l.tag_id),
  }));
}

export async function moveAttributeValues(
  trx: Db,
  workspaceId: string,
  winnerId: string,
  loserId: string,
): Promise<Pick<MergeMoved, 'attributes' | 'attributeConflicts'>> {
  const [loserRows, winnerRows] = await Promise.all(
    [loserId, winnerId].map((personId) =>
      trx
        .selectFrom('person_attribute')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('person_id', '=', personId)
        .execute(),
    ),
  );
  const winnerActive = new Map(winnerRows!.filter((r) => r.shadowed === 0).map((r) => [r.key, r]));
  const conflicts: MergeMoved['attributeConflicts'] = [];
  const shadowed = new Set<string>();
  for (const row of loserRows!) {
    const theirs = winnerActive.get(row.key);
    if (row.shadowed === 1 || !theirs) continue;
    // The most recent value stays visible; a tie keeps the winner's.
    const loserWins = row.updated_at > theirs.updated_at;
    const hidden = loserWins ? theirs : row;
    await trx
      .updateTable('person_attribute')
      .set({ shadowed: 1 })
      .where('workspace_id', '=', workspaceId)
      .where('home_person_id', '=', hidden.home_person_id)
      .where('key', '=', row.key)
      .execute();
    if (!loserWins) shadowed.add(row.key);
    conflicts.push({
      key: row.key,
      kept: loserWins ? 'loser' : 'winner',
      other: {
        homePersonId: hidden.home_person_id,
        valueText: hidden.value_text,
        valueNumber: hidden.value_number,
        updatedAt: hidden.updated_at,
      },
    });
  }
  await trx
    .updateTable('person_attribute')
    .set({ person_id: winnerId })
    .where('workspace_id', '=', workspaceId)
    .where('person_id', '=', loserId)
    .execute();
  return {
    attributes: loserRows!.map((r) => ({
      key: r.key,
      homePersonId: r.home_person_id,
      updatedAt: r.updated_at,
      shadowed: r.shadowed === 1 || shadowed.has(r.key),
    })),
    attributeConflicts: conflicts,
  };
}

/** Unmerge: rows recorded for these homes go back to the loser. */
export async function moveBackByHome(
  trx: Db,
  workspaceId: string,
  homes: readonly string[],
  loserId: string,
): Promise<void> {
  for (const table of ['identity', 'person_tag', 'person_attribute'] as const) {
    await trx
      .updateTable(table)
      .set({ person_id: loserId })
      .where('workspace_id', '=', workspaceId)
      .where('home_person_id', 'in', [...homes])
      .execute();
  }
}

/**
 * After rows left or arrived, each tag and attribute of the person is visible once again:
 * where only shadowed rows remain, the earliest tag link / the most recent value shows.
 */
export async function reelectVisibleRows(
  trx: Db,
  workspaceId: string,
  personId: string,
): Promise<void> {
  const kinds = [
    { table: 'person_tag', key: 'tag_id', at: 'added_at', earliest: true },
    { table: 'person_attribute', key: 'key', at: 'updated_at', earliest: false },
  ] as const;
  for (const kind of kinds) {
    const { rows } =
      await sql<Candidate>`select home_person_id as home, ${sql.ref(kind.key)} as key,
      shadowed, ${sql.ref(kind.at)} as at from ${sql.table(kind.table)}
      where workspace_id = ${workspaceId} and person_id = ${personId}`.execute(trx);
    const order = (a: Candidate, b: Candidate) =>
      kind.earliest ? Number(a.at) - Number(b.at) : Number(b.at) - Number(a.at);
    for (const row of electable(rows, order)) {
      await sql`update ${sql.table(kind.table)} set shadowed = 0
        where workspace_id = ${workspaceId} and home_person_id = ${row.home}
        and ${sql.ref(kind.key)} = ${row.key}`.execute(trx);
    }
  }
}

interface Candidate {
  home: string;
  key: string;
  shadowed: number;
  at: number;
}

/** For each key with no visible row, the best shadowed row by `order`. */
function electable(rows: readonly Candidate[], order: (a: Candidate, b: Candidate) => number) {
  const byKey = new Map<string, Candidate[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return [...byKey.values()]
    .filter((group) => group.every((r) => Number(r.shadowed) === 1))
    .map((group) => [...group].sort((a, b) => order(a, b) || a.home.localeCompare(b.home))[0]!);
}
