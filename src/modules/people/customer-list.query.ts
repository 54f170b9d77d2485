import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Database } from '../../database.js';
import type { CompiledFilter, AttributeCondition } from './customer-list.filter.js';
import type { CustomerCursor } from './customer-list.cursor.js';
import type { CustomerSort } from './customer-list.schemas.js';
import { followByScopeEmployee } from './customer-scope.js';
import { tagWalk, walkedRefs, type PersonRefs } from './customer-list.walk.js';
import { isPostgres } from './person.store.js';

/**
 * The customer list's SQL, the same on SQLite and PostgreSQL. A page is read in the sort
 * order from a partial index over live persons (`person_live_<column>_idx`), filters checked
 * per row through indexed EXISTS probes — unless a filter picks few persons (a rare tag, a
 * salesperson's own customers): then those persons are read first (the "driver") and only
 * they are sorted. Which one is decided per query by counting each candidate driver up to
 * `driverLimit` (cheap: index entries only). Sorted by added date, tag filters walk tag links
 * instead (`customer-list.walk.ts`).
 */

type Db = Kysely<Database>;
export type PersonDb = Database & { p: Database['person'] };
type PersonEb = ExpressionBuilder<PersonDb, 'p'>;
export type PersonQuery = SelectQueryBuilder<PersonDb, 'p', object>;
type DriverQuery = SelectQueryBuilder<Database, keyof Database, { person_id: string }>;

/** The person's id and added date: its row's. */
const personRefs: PersonRefs = { id: sql.ref('p.id'), addedAt: sql.ref('p.added_at') };

/** Drive by a filter's persons when it holds at most this many. */
export const driverLimit = 4000;

export const sortColumns = {
  addedAt: 'added_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  name: 'display_name',
} as const;
type SortColumn = (typeof sortColumns)[keyof typeof sortColumns];
const nullableColumns = new Set<SortColumn>(['added_at', 'display_name']);

export const isNullableSort = (sort: CustomerSort) => nullableColumns.has(sortColumns[sort.field]);

const visible = sql<SqlBool>`shadowed = 0`;
const activeFollow = sql<SqlBool>`follow.status = 'active'`;

/** `%text%` for LIKE … ESCAPE '\'. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const likeLower = (column: Expression<unknown>, text: string) =>
  sql<SqlBool>`lower(${column}) like ${containing(text)} escape ${sql.lit('\\')}`;

/** The persons a filter may be driven by, with the filter each one makes redundant. */
export interface Driver {
  query: DriverQuery;
  replaces?: string;
}

function candidateDrivers(db: Db, f: CompiledFilter): Driver[] {
  const ws = f.workspaceId;
  const tagLinks = () =>
    db.selectFrom('person_tag').select('person_id').where('workspace_id', '=', ws).where(visible);
  const follows = () =>
    db.selectFrom('follow').select('follow.person_id').where('follow.workspace_id', '=', ws);
  const drivers: Driver[] = f.tagsAll.map((tagId) => ({
    query: tagLinks().where('tag_id', '=', tagId) as DriverQuery,
    replaces: `tag:${tagId}`,
  }));
  if (f.tagsAny.length > 0) {
    drivers.push({
      query: tagLinks().where('tag_id', 'in', f.tagsAny) as DriverQuery,
      replaces: 'tags:any',
    });
  }
  if (f.employees) {
    drivers.push({
      query: follows()
        .where(activeFollow)
        .where('follow.employee_user_id', 'in', f.employees.length ? f.employees : [''])
        .$castTo<{ person_id: string }>() as DriverQuery,
    });
  }
  if (!f.scope.all) {
    const scope = f.scope;
    drivers.push({
      query: follows()
        .where(activeFollow)
        .where((eb) => followByScopeEmployee(eb, scope)) as DriverQuery,
    });
  }
  if (f.states) {
    drivers.push({
      query: follows().where(
        'follow.state',
        'in',
        f.states.length ? f.states : [''],
      ) as DriverQuery,
    });
  }
  return drivers;
}

/**
 * Persons whose name or a follow remark contains the text, or who have the phone: substring
 * search reads every name once (a plain scan, far cheaper than a lookup per row in sort order).
 */
function textMatches(db: Db, f: CompiledFilter): Driver | undefined {
  const { q, workspaceId: ws } = f;
  if (!q) return undefined;
  let query = db
    .selectFrom('person')
    .select('person.id as person_id')
    .where('person.workspace_id', '=', ws)
    .where((eb) => likeLower(eb.ref('person.display_name'), q.text))
    .union(
      db
        .selectFrom('follow')
        .select('follow.person_id')
        .where('follow.workspace_id', '=', ws)
        .where((eb) => likeLower(eb.ref('follow.remark'), q.text)),
    );
  if (q.phoneKey) {
    query = query.union(
      db
        .selectFrom('identity')
        .select('identity.person_id')
        .where('identity.workspace_id', '=', ws)
        .where('identity.kind', '=', 'phone')
        .where('identity.namespace', '=', '')
        .where('identity.value_key', '=', q.phoneKey),
    );
  }
  return { query: query as unknown as DriverQuery, replaces: 'q' };
}

/**
 * The candidate with the fewest persons, when it has at most `limit` (`tagLimit` for a tag of
 * `tags.all`; counted up to that bound: index entries only). Counting passes no limit: any
 * driver beats scanning everyone.
 */
export async function chooseDriver(
  db: Db,
  f: CompiledFilter,
  limit = driverLimit,
  tagLimit = limit,
): Promise<Driver | undefined> {
  let best: { driver: Driver; count: number } | undefined;
  for (const driver of candidateDrivers(db, f)) {
    const cap = (driver.replaces?.startsWith('tag:') ? tagLimit : limit) + 1;
    const bound = best ? Math.min(best.count, cap) : cap;
    const candidate = Number.isFinite(bound) ? driver.query.limit(bound) : driver.query;
    const { n } = await db
      .selectFrom(candidate.as('c'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    const count = Number(n);
    if (count < bound) best = { driver, count };
  }
  return best?.driver ?? textMatches(db, f);
}

/**
 * Live persons of the workspace matching the filter, driven by `driver` when given, or read
 * along the links of tag `walk` (of `tags.all`, or one of `tags.any`; `tagWalk`: those
 * links, then their persons).
 */
export function filteredPersons(
  db: Db,
  f: CompiledFilter,
  driver?: Driver,
  walk?: string,
): PersonQuery {
  let q = (
    walk === undefined ? (db.selectFrom('person as p') as PersonQuery) : tagWalk(db, f, walk)
  )
    .where('p.workspace_id', '=', f.workspaceId)
    .where(sql<SqlBool>`p.merged_into is null`)
    .where(sql<SqlBool>`p.erased_at is null`) as PersonQuery;
  if (driver && walk === undefined) {
    q = q.where('p.id', 'in', driver.replaces === 'q' ? driver.query : driver.query.distinct());
  }
  const skip =
    walk === undefined ? driver?.replaces : f.tagsAll.includes(walk) ? `tag:${walk}` : 'tags:any';
  const refs = walk === undefined ? personRefs : walkedRefs;
  for (const condition of conditions(f, skip, isPostgres(db), refs)) q = q.where(condition);
  return q;
}

/**
 * `probesOnly` (PostgreSQL): each tag filter stays a probe per row, so a page walks the sort
 * index (or the driver's persons) in one process and stops after `limit` matches. As plain
 * EXISTS the planner makes semi-joins of them and picks by its estimates: at 1,000,000 persons
 * a parallel walk whose workers visit 40–75% more rows than the page needs, or a join of whole
 * tag lists sorted by added date (p50 100 ms for two common tags). An OFFSET in the subquery
 * keeps PostgreSQL from turning the EXISTS into a join or a hashed subplan. SQLite probes per
 * row anyway, and faster without the fence.
 */
function conditions(
  f: CompiledFilter,
  skip: string | undefined,
  probesOnly: boolean,
  refs: PersonRefs,
) {
  const ofPerson = (column: string) => sql<SqlBool>`${sql.ref(column)} = ${refs.id}`;
  const ws = f.workspaceId;
  const out: ((eb: PersonEb) => Expression<SqlBool>)[] = [];
  const tagExists = (eb: PersonEb, tagIds: string[]) =>
    eb.exists(
      eb
        .selectFrom('person_tag as t')
        .select(sql.lit(1).as('one'))
        .where('t.workspace_id', '=', ws)
        .where(ofPerson('t.person_id'))
        .where('t.tag_id', 'in', tagIds)
        .where(sql<SqlBool>`t.shadowed = 0`)
        .$if(probesOnly, (sq) => sq.limit(sql.lit(1)).offset(sql.lit(0))),
    );
  const followExists = (
    eb: PersonEb,
    where: (fb: ExpressionBuilder<Database, 'follow'>) => Expression<SqlBool>,
  ) =>
    eb.exists(
      eb
        .selectFrom('follow')
        .select(sql.lit(1).as('one'))
        .where('follow.workspace_id', '=', ws)
        .where(ofPerson('follow.person_id'))
        .where(where),
    );

  for (const tagId of f.tagsAll) {
    if (skip !== `tag:${tagId}`) out.push((eb) => tagExists(eb, [tagId]));
  }
  if (f.tagsAny.length > 0 && skip !== 'tags:any') out.push((eb) => tagExists(eb, f.tagsAny));
  if (f.tagsNone.length > 0) out.push((eb) => eb.not(tagExists(eb, f.tagsNone)));
  const { employees, states, scope, q } = f;
  if (employees) {
    out.push((eb) =>
      employees.length === 0
        ? sql<SqlBool>`1 = 0`
        : followExists(eb, (fb) =>
            fb.and([activeFollow, fb('follow.employee_user_id', 'in', employees)]),
          ),
    );
  }
  if (!scope.all) {
    out.push((eb) =>
      followExists(eb, (fb) => fb.and([activeFollow, followByScopeEmployee(fb, scope)])),
    );
  }
  if (states) {
    out.push((eb) =>
      states.length === 0
        ? sql<SqlBool>`1 = 0`
        : followExists(eb, (fb) => fb('follow.state', 'in', states)),
    );
  }
  const { addedFrom, addedTo } = f;
  if (addedFrom !== undefined) out.push(() => sql<SqlBool>`${refs.addedAt} >= ${addedFrom}`);
  if (addedTo !== undefined) out.push(() => sql<SqlBool>`${refs.addedAt} < ${addedTo}`);
  if (f.followsOa !== undefined) {
    const subscribed = (eb: PersonEb) =>
      eb.exists(
        eb
          .selectFrom('oa_subscription as s')
          .select(sql.lit(1).as('one'))
          .where('s.workspace_id', '=', ws)
          .where(ofPerson('s.person_id'))
          .where('s.subscribed', '=', 1),
      );
    out.push((eb) => (f.followsOa ? subscribed(eb) : eb.not(subscribed(eb))));
  }
  if (q && skip !== 'q') {
    out.push((eb) =>
      eb.or([
        likeLower(eb.ref('p.display_name'), q.text),
        // Uncorrelated: one pass over the follows, not one probe per person.
        eb(
          'p.id',
          'in',
          eb
            .selectFrom('follow')
            .select('follow.person_id')
            .where('follow.workspace_id', '=', ws)
            .where((fb) => likeLower(fb.ref('follow.remark'), q.text)),
        ),
        ...(q.phoneKey
          ? [
              eb(
                'p.id',
                'in',
                eb
                  .selectFrom('identity as i')
                  .select('i.person_id')
                  .where('i.workspace_id', '=', ws)
                  .where('i.kind', '=', 'phone')
                  .where('i.namespace', '=', '')
                  .where('i.value_key', '=', q.phoneKey),
              ),
            ]
          : []),
      ]),
    );
  }
  for (const condition of f.attributes)
    out.push((eb) => attributeCondition(eb, ws, condition, ofPerson));
  return out;
}

function attributeCondition(
  eb: PersonEb,
  ws: string,
  c: AttributeCondition,
  ofPerson: (column: string) => Expression<SqlBool>,
): Expression<SqlBool> {
  const has = (where?: Expression<SqlBool>) =>
    eb.exists(
      eb
        .selectFrom('person_attribute as a')
        .select(sql.lit(1).as('one'))
        .where('a.workspace_id', '=', ws)
        .where(ofPerson('a.person_id'))
        .where('a.key', '=', c.key)
        .where(sql<SqlBool>`a.shadowed = 0`)
        .$if(where !== undefined, (sq) => sq.where(where!)),
    );
  const column = sql.ref(`a.${c.column}`);
  const [value] = c.values;
  const compare = (op: string) => sql<SqlBool>`${column} ${sql.raw(op)} ${value}`;
  switch (c.op) {
    case 'set':
      return has();
    case 'unset':
      return eb.not(has());
    case 'eq':
      return has(compare('='));
    case 'neq':
      return eb.not(has(compare('=')));
    case 'in':
      return has(sql<SqlBool>`${column} in (${sql.join(c.values)})`);
    case 'gt':
      return has(compare('>'));
    case 'gte':
      return has(compare('>='));
    case 'lt':
      return has(compare('<'));
    case 'lte':
      return has(compare('<='));
    case 'contains':
      return has(likeLower(column, String(value)));
  }
}

/**
 * One phase of a page: rows with a sort value (`values`) or without (`nulls`, by id), after
 * the cursor when it is in the same phase, in order, at most `limit`.
 */
export function pageQuery(
  base: PersonQuery,
  sort: CustomerSort,
  phase: CustomerCursor['phase'],
  cursor: CustomerCursor | undefined,
  limit: number,
  walked = false,
): PersonQuery {
  const column = sortColumns[sort.field];
  const [key, id] = walked
    ? [walkedRefs.addedAt, walkedRefs.id]
    : [sql.ref(`p.${column}`), personRefs.id];
  const desc = sort.order === 'desc';
  const [lt, le] = desc ? ['<', '<='] : ['>', '>='];
  let q = base;
  if (phase === 'nulls') {
    q = q.where(sql<SqlBool>`${key} is null`);
    if (cursor?.phase === 'nulls') q = q.where(sql<SqlBool>`${id} ${sql.raw(lt)} ${cursor.id}`);
  } else {
    if (nullableColumns.has(column)) q = q.where(sql<SqlBool>`${key} is not null`);
    if (cursor?.phase === 'values') {
      const v = cursor.value;
      // The first term bounds the index range; the second breaks ties by id.
      q = q
        .where(sql<SqlBool>`${key} ${sql.raw(le)} ${v}`)
        .where(sql<SqlBool>`(${key} ${sql.raw(lt)} ${v} or ${id} ${sql.raw(lt)} ${cursor.id})`);
    }
    q = q.orderBy(key, desc ? 'desc' : 'asc');
  }
  return q.orderBy(id, desc ? 'desc' : 'asc').limit(limit);
}
