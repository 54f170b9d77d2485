import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeyClient, type Client } from '../workspace/workspace.testing.js';
import type { CustomerPage } from './customer-list.schemas.js';
import { addFollow, seedEmployee } from './customer-list.testing.js';
import { id, seedTags, usePeopleApi } from './people.testing.js';

describe('customer scope: without customers.all, one’s own customers only', () => {
  const api = usePeopleApi();
  const p: Record<string, string> = {};
  let vip: string;

  beforeAll(async () => {
    const { f, sales } = api;
    vip = (await seedTags(f, ['vip'])).vip!;
    await seedEmployee(f, { userId: 'sally', name: 'Sally', userAccountId: sales.info.user.id });
    await seedEmployee(f, { userId: 'bob', name: 'Bob' });
    for (const key of ['own', 'foreign', 'lost', 'shared']) {
      p[key] = (await f.resolve([id.external(`wm_scope_${key}`)])).personId!;
    }
    p.loser = (await f.resolve([id.mp('mp_scope_loser')])).personId!;
    const at = Date.UTC(2026, 5, 1);
    await addFollow(f, p.own!, { employee: 'sally', addedAt: at });
    await addFollow(f, p.foreign!, { employee: 'bob', addedAt: at + 1 });
    await addFollow(f, p.lost!, {
      employee: 'sally',
      addedAt: at + 2,
      status: 'removed_by_customer',
    });
    await addFollow(f, p.shared!, { employee: 'bob', addedAt: at + 3 });
    await addFollow(f, p.shared!, { employee: 'sally', addedAt: at + 4 });
    // `loser` merges into `own` (through a shared unionid): its id resolves to `own`.
    await f.resolve([id.external('wm_scope_own'), id.unionid('u-scope')]);
    await f.resolve([id.mp('mp_scope_loser'), id.unionid('u-scope')]);
  });

  const listAs = async (client: Client, body: object = {}) => {
    const res = await client.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as CustomerPage).items.map((i) => i.id);
  };
  const countAs = async (client: Client) =>
    (await client.inject({ method: 'POST', url: api.url('/customers/count'), payload: {} })).json();

  it('lists and counts only customers an own employee actively follows', async () => {
    expect(await listAs(api.sales)).toEqual([p.shared, p.own]);
    expect(await countAs(api.sales)).toEqual({ count: 2 });
    // Filters apply within the scope.
    expect(await listAs(api.sales, { employees: ['bob'] })).toEqual([p.shared]);
    expect(
      await listAs(api.sales, { tags: { none: [vip] }, sort: { field: 'addedAt', order: 'asc' } }),
    ).toEqual([p.own, p.shared]);
    // No linked employee: nobody.
    expect(await listAs(api.agent)).toEqual([]);
    expect(await countAs(api.agent)).toEqual({ count: 0 });
    // customers.all: everyone live (the merged-away person is not listed).
    expect((await listAs(api.operator)).sort()).toEqual(
      [p.own, p.foreign, p.lost, p.shared].sort(),
    );
  });

  it('API keys see all with customers.all, nobody without', async () => {
    const admin = await apiKeyClient(api.t, 'admin');
    const sales = await apiKeyClient(api.t, 'sales');
    expect(await listAs(admin)).toHaveLength(4);
    expect(await listAs(sales)).toEqual([]);
  });

  it('answers 404 for a foreign customer’s profile, timeline, tags and attributes', async () => {
    const { sales } = api;
    const get = (path: string) => sales.inject({ method: 'GET', url: api.url(path) });
    for (const person of [p.foreign, p.lost]) {
      expect((await get(`/customers/${person}`)).statusCode).toBe(404);
      expect((await get(`/customers/${person}/timeline`)).statusCode).toBe(404);
      const tags = await sales.inject({
        method: 'POST',
        url: api.url(`/customers/${person}/tags`),
        payload: { add: [vip] },
      });
      expect(tags.statusCode).toBe(404);
      const attributes = await sales.inject({
        method: 'PUT',
        url: api.url(`/customers/${person}/attributes`),
        payload: {},
      });
      expect(attributes.statusCode).toBe(404);
    }
    expect((await get(`/customers/${p.foreign}`)).json()).toMatchObject({
      error: { code: 'not_found', message: 'Customer not found' },
    });
    // Nothing changed on the foreign customer.
    const foreign = await api.owner.inject({
      method: 'GET',
      url: api.url(`/customers/${p.foreign}`),
    });
    expect(foreign.json().tags).toEqual([]);

    expect((await get(`/customers/${p.own}`)).statusCode).toBe(200);
    expect((await get(`/customers/${p.own}/timeline`)).statusCode).toBe(200);
    // A merged-away id of an own customer resolves to it.
    expect((await get(`/customers/${p.loser}`)).json()).toMatchObject({
      id: p.own,
      requestedId: p.loser,
    });
    const tagged = await sales.inject({
      method: 'POST',
      url: api.url(`/customers/${p.shared}/tags`),
      payload: { add: [vip] },
    });
    expect(tagged.statusCode).toBe(200);
  });
});
