import { beforeAll, describe, expect, it } from 'vitest';
import { compileFilter } from './customer-list.filter.js';
import { chooseDriver } from './customer-list.query.js';
import type { CustomerFilter, CustomerSort } from './customer-list.schemas.js';
import { findCustomerPage, type PreparedSearch } from './customer-list.service.js';
import { addFollow } from './customer-list.testing.js';
import { walkedTags } from './customer-list.walk.js';
import { id, seedTags, tagPerson, usePeopleApi } from './people.testing.js';

/**
 * Pages sorted by added date and filtered by tags walk one tag's links in date order: the
 * same rows, order and cursors as reading persons in date order and probing the tags.
 */
describe('customer list: the tag walk', () => {
  const api = usePeopleApi();
  let tags: Record<string, string>;
  const base = Date.UTC(2026, 2, 1);

  beforeAll(async () => {
    const { f } = api;
    tags = await seedTags(f, ['A', 'B', 'C', 'D']);
    for (let i = 0; i < 30; i++) {
      const personId = (await f.resolve([id.external(`wm_walk_${i}`), id.unionid(`uw${i}`)]))
        .personId!;
      // Ties: 3 distinct added dates; every 7th person has no date (never a follow).
      if (i % 7 !== 6)
        await addFollow(f, personId, { employee: `e${i % 2}`, addedAt: base + (i % 3) * 1000 });
      const own = [
        ...(i % 2 === 0 ? [tags.A!] : []),
        ...(i % 3 === 0 ? [tags.B!] : []),
        ...(i % 5 === 0 ? [tags.C!] : []),
        ...(i % 4 === 1 ? [tags.D!] : []),
      ];
      if (own.length > 0) await tagPerson(f, personId, own);
    }
    // Persons merged into others: their links move to the winner and take its date (or none).
    for (const [loser, winner] of [
      [1, 4],
      [2, 6],
      [3, 20],
    ] as const) {
      const personId = (await f.resolve([id.oa(`ow${loser}`)])).personId!;
      await addFollow(f, personId, { employee: 'e9', addedAt: base + 500 * loser });
      await tagPerson(f, personId, [tags.A!, tags.B!]);
      const r = await f.resolve([id.oa(`ow${loser}`), id.unionid(`uw${winner}`)]);
      expect(r.mergeIds).toHaveLength(1);
    }
  });

  const sorts: CustomerSort[] = [
    { field: 'addedAt', order: 'desc' },
    { field: 'addedAt', order: 'asc' },
  ];
  const filters = (): CustomerFilter[] => [
    { tags: { all: [tags.A!, tags.B!] } },
    { tags: { all: [tags.B!, tags.A!] } },
    { tags: { all: [tags.A!] } },
    { tags: { all: [tags.C!], none: [tags.B!] } },
    { tags: { all: [tags.A!], any: [tags.B!, tags.C!] } },
    { tags: { all: [tags.A!] }, employees: ['e0'] },
    { tags: { any: [tags.A!, tags.B!] } },
    { tags: { any: [tags.C!, tags.B!, tags.A!], none: [tags.D!] } },
    { tags: { any: [tags.B!, tags.C!] }, addedFrom: base + 1000 },
  ];

  async function readAll(prepared: PreparedSearch, sort: CustomerSort, limit: number) {
    const ids: string[] = [];
    const cursors: unknown[] = [];
    let cursor;
    do {
      const page = await findCustomerPage(api.f.ctx, prepared, sort, cursor, limit);
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.next;
      cursors.push(cursor);
    } while (cursor && cursors.length < 100);
    return { ids, cursors };
  }

  it('reads the same pages and cursors as the previous plan, with ties and dateless persons', async () => {
    const { f } = api;
    for (const filter of filters()) {
      const compiled = await compileFilter(
        f.ctx.db,
        f.ctx.pii,
        f.workspaceId,
        { all: true },
        filter,
        { pathPrefix: 'body', revealsPii: true },
      );
      const driver = await chooseDriver(f.ctx.db, compiled);
      for (const sort of sorts) {
        const before = await readAll(
          { filter: compiled, driver: undefined, walkTags: false },
          sort,
          200,
        );
        expect(before.ids.length, JSON.stringify(filter)).toBeGreaterThan(1);
        for (const limit of [1, 2, 3, 200]) {
          const previous = await readAll(
            { filter: compiled, driver, walkTags: false },
            sort,
            limit,
          );
          expect(previous.ids).toEqual(before.ids);
          // Walking the driving tag, and the first tag of `all` when no filter drives.
          for (const prepared of [
            { filter: compiled, driver },
            { filter: compiled, driver: undefined },
          ]) {
            expect(await readAll(prepared, sort, limit)).toEqual(previous);
          }
        }
      }
    }
  });

  it('walks tags only for the added-date sort and tag filters', async () => {
    const { f } = api;
    const compile = (filter: CustomerFilter) =>
      compileFilter(f.ctx.db, f.ctx.pii, f.workspaceId, { all: true }, filter, {
        pathPrefix: 'body',
        revealsPii: true,
      });
    const twoTags = await compile({ tags: { all: [tags.B!, tags.A!] } });
    const desc: CustomerSort = { field: 'addedAt', order: 'desc' };
    expect(walkedTags(twoTags, undefined, desc)).toEqual([tags.B]);
    const driver = await chooseDriver(f.ctx.db, twoTags);
    expect(walkedTags(twoTags, driver, desc)).toEqual([driver!.replaces!.slice('tag:'.length)]);
    expect(walkedTags(twoTags, undefined, { field: 'name', order: 'asc' })).toEqual([]);
    const anyTags = await compile({ tags: { any: [tags.A!, tags.B!] } });
    expect(walkedTags(anyTags, undefined, desc)).toEqual([tags.A, tags.B]);
    expect(walkedTags(anyTags, await chooseDriver(f.ctx.db, anyTags), desc)).toEqual([
      tags.A,
      tags.B,
    ]);
    const byEmployee = await compile({ tags: { all: [tags.A!] }, employees: ['nobody'] });
    const employeeDriver = await chooseDriver(f.ctx.db, byEmployee);
    expect(employeeDriver?.replaces).toBeUndefined();
    expect(walkedTags(byEmployee, employeeDriver, desc)).toEqual([]);
  });
});
