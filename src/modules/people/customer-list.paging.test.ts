import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCustomerCursor } from './customer-list.cursor.js';
import { compileFilter } from './customer-list.filter.js';
import { chooseDriver } from './customer-list.query.js';
import type { CustomerPage, CustomerSort } from './customer-list.schemas.js';
import { findCustomerPage } from './customer-list.service.js';
import { addFollow } from './customer-list.testing.js';
import { id, seedTags, tagPerson, usePeopleApi } from './people.testing.js';

interface Row {
  id: string;
  added_at: number | null;
  created_at: number;
  updated_at: number;
  display_name: string | null;
}

const columns = {
  addedAt: 'added_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  name: 'display_name',
} as const;

/** The documented order: by value then id in the sort's direction, rows without a value last. */
function expectedOrder(rows: Row[], sort: CustomerSort): string[] {
  const column = columns[sort.field];
  const dir = sort.order === 'asc' ? 1 : -1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      const [va, vb] = [a[column], b[column]];
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
        return dir * cmp(a.id, b.id);
      }
      return dir * (cmp(va, vb) || cmp(a.id, b.id));
    })
    .map((r) => r.id);
}

describe('customer search: sort orders and keyset pages', () => {
  const api = usePeopleApi();
  const rows: Row[] = [];
  let tag: string;
  const base = Date.UTC(2026, 1, 1);

  beforeAll(async () => {
    const { f } = api;
    tag = (await seedTags(f, ['paged'])).paged!;
    for (let i = 0; i < 23; i++) {
      const personId = (await f.resolve([id.external(`wm_page_${i}`)])).personId!;
      // Ties everywhere: 4 distinct added dates, 5 names, 3 update times; some without.
      if (i % 6 !== 5)
        await addFollow(f, personId, { employee: `e${i % 2}`, addedAt: base + (i % 4) * 1000 });
      const display_name = i % 7 === 3 ? null : `name ${i % 5}`;
      const updated_at = base + (i % 3);
      await f.ctx.db
        .updateTable('person')
        .set({ display_name, updated_at, ...(i % 5 === 0 ? { created_at: base } : {}) })
        .where('id', '=', personId)
        .execute();
      if (i % 2 === 0) await tagPerson(f, personId, [tag]);
    }
    rows.push(
      ...(await f.ctx.db
        .selectFrom('person')
        .select(['id', 'added_at', 'created_at', 'updated_at', 'display_name'])
        .where('workspace_id', '=', f.workspaceId)
        .execute()),
    );
  });

  const sorts: CustomerSort[] = (['addedAt', 'createdAt', 'updatedAt', 'name'] as const).flatMap(
    (field) => (['asc', 'desc'] as const).map((order) => ({ field, order })),
  );

  async function allPages(body: object, limit: number) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api.owner.inject({
        method: 'POST',
        url: api.url('/customers/search'),
        payload: { ...body, limit, ...(cursor ? { cursor } : {}) },
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as CustomerPage;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return ids;
  }

  it.each(sorts)('pages through %o without duplicates or gaps', async (sort) => {
    const expected = expectedOrder(rows, sort);
    expect(await allPages({ sort }, 4)).toEqual(expected);
    expect(await allPages({ sort }, 200)).toEqual(expected);
    // Driven by a tag (few persons): the same order.
    const tagged = await allPages({ sort, tags: { all: [tag] } }, 3);
    const taggedRows = new Set(
      (
        await api.f.ctx.db
          .selectFrom('person_tag')
          .select('person_id')
          .where('tag_id', '=', tag)
          .execute()
      ).map((r) => r.person_id),
    );
    expect(tagged).toEqual(expected.filter((personId) => taggedRows.has(personId)));
  });

  it('gives the same pages whether driven by a filter or scanning the sort index', async () => {
    const { f } = api;
    const filter = await compileFilter(
      f.ctx.db,
      f.ctx.pii,
      f.workspaceId,
      { all: true },
      {
        tags: { all: [tag] },
        employees: ['e0'],
      },
      { pathPrefix: 'body', revealsPii: true },
    );
    const driver = await chooseDriver(f.ctx.db, filter);
    expect(driver).toBeDefined();
    for (const sort of sorts) {
      const read = async (prepared: Parameters<typeof findCustomerPage>[1]) => {
        const ids: string[] = [];
        let cursor;
        do {
          const page = await findCustomerPage(f.ctx, prepared, sort, cursor, 2);
          ids.push(...page.rows.map((r) => r.id));
          cursor = page.next;
        } while (cursor);
        return ids;
      };
      const scanned = await read({ filter, driver: undefined });
      expect(scanned.length).toBeGreaterThan(2);
      expect(await read({ filter, driver })).toEqual(scanned);
    }
  });

  it('refuses a cursor of another sort order', async () => {
    const cursor = encodeCustomerCursor({
      sort: { field: 'name', order: 'asc' },
      phase: 'values',
      value: 'name 1',
      id: rows[0]!.id,
    });
    const res = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { cursor, sort: { field: 'name', order: 'desc' } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body/cursor', message: 'the cursor belongs to another sort order' },
    ]);
  });
});
