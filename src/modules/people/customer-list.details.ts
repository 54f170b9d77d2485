import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../database.js';
import type { FollowRow } from './relations.table.js';
import { listVisibleTagsOf } from './tag.store.js';

type Db = Kysely<Database>;

export type ListedFollow = Pick<
  FollowRow,
  'person_id' | 'corp_id' | 'employee_user_id' | 'remark' | 'state' | 'added_at' | 'status'
>;
export type ListedTag = Awaited<ReturnType<typeof listVisibleTagsOf>>[number];

/** What a list row shows besides the person: tags, follows, OA subscription, phones. */
export interface ListDetails {
  tags: Map<string, ListedTag[]>;
  follows: Map<string, ListedFollow[]>;
  followsOa: Set<string>;
  /** Sealed phone values per person, the best first (verified, then most recently seen). */
  phones: Map<string, string[]>;
}

const groupBy = <T extends { person_id: string }>(rows: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.person_id);
    if (list) list.push(row);
    else map.set(row.person_id, [row]);
  }
  return map;
};

/** One query per kind of detail for a whole page of persons. */
export async function loadListDetails(
  db: Db,
  workspaceId: string,
  personIds: readonly string[],
): Promise<ListDetails> {
  if (personIds.length === 0) {
    return { tags: new Map(), follows: new Map(), followsOa: new Set(), phones: new Map() };
  }
  const ids = [...personIds];
  const [tags, follows, oa, phones] = await Promise.all([
    listVisibleTagsOf(db, workspaceId, ids),
    db
      .selectFrom('follow')
      .select(['person_id', 'corp_id', 'employee_user_id', 'remark', 'state', 'added_at', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('person_id', 'in', ids)
      .orderBy('added_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('oa_subscription')
      .select('person_id')
      .where('workspace_id', '=', workspaceId)
      .where('person_id', 'in', ids)
      .where(sql<SqlBool>`subscribed = 1`)
      .execute(),
    db
      .selectFrom('identity')
      .select(['person_id', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('person_id', 'in', ids)
      .where('kind', '=', 'phone')
      .orderBy('verified', 'desc')
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .execute(),
  ]);
  return {
    tags: groupBy(tags),
    follows: groupBy(follows),
    followsOa: new Set(oa.map((r) => r.person_id)),
    phones: new Map([...groupBy(phones)].map(([id, rows]) => [id, rows.map((r) => r.value)])),
  };
}
