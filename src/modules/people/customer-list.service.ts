import type { Acting } from '../workspace/actor.js';
import { revealsPii } from './acting.js';
import {
  decodeCustomerCursor,
  encodeCustomerCursor,
  type CustomerCursor,
} from './customer-list.cursor.js';
import { loadListDetails } from './customer-list.details.js';
import { compileFilter, type CompiledFilter } from './customer-list.filter.js';
import { personToListItem, type ListedPerson } from './customer-list.mapping.js';
import {
  chooseDriver,
  driverLimit,
  filteredPersons,
  isNullableSort,
  sortColumns,
} from './customer-list.query.js';
import { readPagePhase } from './customer-list.page.js';
import { walkedTagLimit } from './customer-list.walk.js';
import type {
  CustomerFilter,
  CustomerPage,
  CustomerSearch,
  CustomerSort,
} from './customer-list.schemas.js';
import { customerScopeOf } from './customer-scope.js';
import type { PeopleContext } from './people.context.js';

export const defaultCustomerSort: CustomerSort = { field: 'addedAt', order: 'desc' };

/**
 * A filter checked against the workspace and the caller's scope, its driver chosen.
 * `walkTags: false` reads pages as before the tag walk (tests compare the two plans).
 */
export interface PreparedSearch {
  filter: CompiledFilter;
  driver: Awaited<ReturnType<typeof chooseDriver>>;
  walkTags?: boolean;
}

/** `sort`: the order pages will be read in, when known (a tag walk needs fewer counts). */
export async function prepareSearch(
  ctx: PeopleContext,
  acting: Acting,
  filter: CustomerFilter,
  path = 'body',
  sort?: CustomerSort,
): Promise<PreparedSearch> {
  const scope = await customerScopeOf(ctx.db, acting);
  const compiled = await compileFilter(ctx.db, ctx.pii, acting.workspaceId, scope, filter, {
    pathPrefix: path,
    revealsPii: revealsPii(acting),
  });
  const tagLimit = sort?.field === 'addedAt' ? walkedTagLimit : driverLimit;
  return { filter: compiled, driver: await chooseDriver(ctx.db, compiled, driverLimit, tagLimit) };
}

/** One page of persons in `sort` order after `cursor`, and the cursor of the next page. */
export async function findCustomerPage(
  ctx: PeopleContext,
  prepared: PreparedSearch,
  sort: CustomerSort,
  cursor: CustomerCursor | undefined,
  limit: number,
): Promise<{ rows: ListedPerson[]; next: CustomerCursor | undefined }> {
  const phases = isNullableSort(sort) ? (['values', 'nulls'] as const) : (['values'] as const);
  const rows: ListedPerson[] = [];
  for (const phase of phases.slice(cursor?.phase === 'nulls' ? 1 : 0)) {
    rows.push(
      ...(await readPagePhase(ctx.db, prepared, sort, phase, cursor, limit + 1 - rows.length)),
    );
    if (rows.length > limit) break;
  }
  if (rows.length <= limit) return { rows, next: undefined };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  const value = last[sortColumns[sort.field]];
  return {
    rows: page,
    next: {
      sort,
      phase: value === null ? 'nulls' : 'values',
      value: value === null ? null : value,
      id: last.id,
    },
  };
}

/**
 * The customer list: live persons in the caller's scope matching the filter, one page in
 * the sort order (default: most recently added first; never-added last), with their tags,
 * follows, OA subscription and phone (masked without customers.pii).
 */
export async function searchCustomers(
  ctx: PeopleContext,
  acting: Acting,
  search: CustomerSearch,
  path = 'body',
): Promise<CustomerPage> {
  const { sort = defaultCustomerSort, cursor: rawCursor, limit = 50, ...filter } = search;
  const cursor = decodeCustomerCursor(rawCursor, sort, `${path}/cursor`);
  const prepared = await prepareSearch(ctx, acting, filter, path, sort);
  const { rows, next } = await findCustomerPage(ctx, prepared, sort, cursor, limit);
  const details = await loadListDetails(
    ctx.db,
    acting.workspaceId,
    rows.map((r) => r.id),
  );
  const reveal = revealsPii(acting);
  return {
    items: rows.map((row) => personToListItem(ctx, row, details, reveal)),
    nextCursor: next ? encodeCustomerCursor(next) : null,
  };
}

/** How many customers match (same filter and scope as the list). */
export async function countCustomers(
  ctx: PeopleContext,
  acting: Acting,
  filter: CustomerFilter,
): Promise<number> {
  const scope = await customerScopeOf(ctx.db, acting);
  const compiled = await compileFilter(ctx.db, ctx.pii, acting.workspaceId, scope, filter, {
    pathPrefix: 'body',
    revealsPii: revealsPii(acting),
  });
  const driver = await chooseDriver(ctx.db, compiled, Number.POSITIVE_INFINITY);
  const { n } = await filteredPersons(ctx.db, compiled, driver)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
