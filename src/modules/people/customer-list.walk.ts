import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../database.js';
import type { CompiledFilter } from './customer-list.filter.js';
import type { Driver, PersonQuery } from './customer-list.query.js';
import type { CustomerSort } from './customer-list.schemas.js';

/**
 * A page sorted by added date and filtered by tags in `tags.all` walks one tag's visible
 * links in the order of their person's added date (`person_tag.person_added_at`, kept by
 * triggers; index `person_tag_visible_tag_added_idx`), joins each link's person, checks the
 * other filters per row and stops after the page: it reads about `page / share of the tag's
 * persons passing the other filters` links, where walking every person in added-date order
 * reads `page / share of all persons passing`. Same rows and order as that walk: the link's
 * date is its person's, ties broken by person id.
 */

/**
 * A tag of `tags.all` with at most this many links is walked in preference to the first
 * (counting links costs ~1.5 µs each on PostgreSQL, about a tenth of walking one, and the
 * count of every tag is taken on every page; among tags with more links the choice matters
 * less, the walk stopping after a page either way, unless the tags rarely meet, which slows
 * every plan).
 */
export const walkedTagLimit = 1000;

/** At most this many tags of `tags.any` are walked side by side. */
export const mergedWalksLimit = 4;

/**
 * The tags to walk: the driver's when the filter is driven by a rare tag of `tags.all`,
 * otherwise (no filter small enough to drive) the first of `tags.all`; or, for `tags.any`
 * alone, each of its tags, merged. None for other sorts, or when a follow filter drives (its
 * few persons are sorted as they are).
 */
export function walkedTags(
  f: CompiledFilter,
  driver: Driver | undefined,
  sort: CustomerSort,
): string[] {
  if (sort.field !== 'addedAt') return [];
  const any = f.tagsAny.length <= mergedWalksLimit ? f.tagsAny : [];
  if (driver) {
    if (driver.replaces?.startsWith('tag:')) return [driver.replaces.slice('tag:'.length)];
    return driver.replaces === 'tags:any' ? any : [];
  }
  return f.tagsAll.length > 0 ? [f.tagsAll[0]!] : any;
}

/** The tag's visible links joined to their persons, as a person query (`p`). */
export function tagWalk(db: Kysely<Database>, f: CompiledFilter, tagId: string): PersonQuery {
  return db
    .selectFrom('person_tag as w')
    .innerJoin('person as p', 'p.id', 'w.person_id')
    .where('w.workspace_id', '=', f.workspaceId)
    .where('w.tag_id', '=', tagId)
    .where(sql<SqlBool>`w.shadowed = 0`) as unknown as PersonQuery;
}

/** Where a page's filters and order read the person's id and added date. */
export interface PersonRefs {
  id: RawBuilder<unknown>;
  addedAt: RawBuilder<unknown>;
}

/**
 * On a walk, the link's person and its copy of the date: the walk orders by them, and probes
 * correlated to the link (not the joined person) are checked before the person is read.
 */
export const walkedRefs: PersonRefs = {
  id: sql.ref('w.person_id'),
  addedAt: sql.ref('w.person_added_at'),
};
