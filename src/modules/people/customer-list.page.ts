import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../database.js';
import type { CustomerCursor } from './customer-list.cursor.js';
import type { ListedPerson } from './customer-list.mapping.js';
import { filteredPersons, pageQuery } from './customer-list.query.js';
import type { CustomerSort } from './customer-list.schemas.js';
import type { PreparedSearch } from './customer-list.service.js';
import { walkedRefs, walkedTags } from './customer-list.walk.js';

const listColumns = [
  'p.id',
  'p.display_name',
  'p.avatar_url',
  'p.created_at',
  'p.updated_at',
  'p.added_at',
] as const;

/**
 * The rows of one phase of a page (see `pageQuery`): read in sort order from the persons, the
 * driver's persons, or one tag's links; for `tags.any`, each tag's links (skipping persons an
 * earlier tag of the list already gave) merged in date order.
 */
export async function readPagePhase(
  db: Kysely<Database>,
  prepared: PreparedSearch,
  sort: CustomerSort,
  phase: CustomerCursor['phase'],
  cursor: CustomerCursor | undefined,
  limit: number,
): Promise<ListedPerson[]> {
  const { filter } = prepared;
  const walks = prepared.walkTags === false ? [] : walkedTags(filter, prepared.driver, sort);
  const rows = (walk?: string, earlier: readonly string[] = []) => {
    let base = filteredPersons(db, filter, walk === undefined ? prepared.driver : undefined, walk);
    if (earlier.length > 0) {
      base = base.where(
        sql<SqlBool>`not exists (select 1 from person_tag x where x.workspace_id = ${filter.workspaceId}
          and x.person_id = ${walkedRefs.id} and x.tag_id in (${sql.join(earlier)}) and x.shadowed = 0)`,
      );
    }
    return pageQuery(base.select(listColumns), sort, phase, cursor, limit, walk !== undefined);
  };
  if (walks.length <= 1) return (await rows(walks[0]).execute()) as ListedPerson[];
  const direction = sort.order === 'desc' ? 'desc' : 'asc';
  const branches = walks.map((tag, i) =>
    db.selectFrom(rows(tag, walks.slice(0, i)).as(`b${i}`)).selectAll(),
  );
  const merged = branches
    .slice(1)
    .reduce((union, branch) => union.unionAll(branch), branches[0]!)
    .orderBy(sql.ref('added_at'), direction)
    .orderBy(sql.ref('id'), direction)
    .limit(limit);
  return (await merged.execute()) as ListedPerson[];
}
