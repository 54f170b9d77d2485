import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerPage } from './customer-list.schemas.js';
import { addFollow, subscribeOa } from './customer-list.testing.js';
import { id, seedTags, tagPerson, usePeopleApi } from './people.testing.js';

const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

describe('customer search: filters', () => {
  const api = usePeopleApi();
  const p: Record<string, string> = {};
  let tag: Record<string, string>;

  beforeAll(async () => {
    const { f } = api;
    tag = await seedTags(f, ['vip', 'new', 'churn', 'unused']);
    const make = async (key: string, name: string, extra: Parameters<typeof id.phone>[0][] = []) =>
      (p[key] = (
        await f.resolve([id.external(`wm_${key}`), ...extra.map((v) => id.phone(v))], {
          profile: { displayName: name },
        })
      ).personId!);
    await make('zhang', '张三', ['13800138000']);
    await make('li', '李四');
    await make('wang', 'Wang Wu');
    await make('zhao', '赵六');
    await make('never', 'Never Added');
    await tagPerson(f, p.zhang!, [tag.vip!, tag.new!]);
    await tagPerson(f, p.li!, [tag.vip!]);
    await tagPerson(f, p.wang!, [tag.new!, tag.churn!]);
    await addFollow(f, p.zhang!, {
      employee: 'alice',
      addedAt: t0,
      state: 'expo',
      remark: '老客户',
    });
    await addFollow(f, p.li!, { employee: 'bob', addedAt: t0 + day, state: 'web' });
    await addFollow(f, p.wang!, { employee: 'alice', addedAt: t0 + 2 * day, state: 'expo' });
    await addFollow(f, p.zhao!, {
      employee: 'bob',
      addedAt: t0 + 3 * day,
      status: 'removed_by_customer',
      remark: 'Lost One',
    });
    await subscribeOa(f, p.li!);
    await subscribeOa(f, p.zhao!, false);
  });

  async function search(body: object): Promise<string[]> {
    const res = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as CustomerPage).items.map((i) => i.id);
  }

  it('lists live customers, most recently added first, never-added last', async () => {
    expect(await search({})).toEqual([p.zhao, p.wang, p.li, p.zhang, p.never]);
  });

  it('filters by tags: all, any, none', async () => {
    expect(await search({ tags: { all: [tag.vip, tag.new] } })).toEqual([p.zhang]);
    expect(await search({ tags: { any: [tag.vip, tag.churn] } })).toEqual([p.wang, p.li, p.zhang]);
    expect(await search({ tags: { none: [tag.vip] } })).toEqual([p.zhao, p.wang, p.never]);
    expect(await search({ tags: { all: [tag.new], none: [tag.churn] } })).toEqual([p.zhang]);
    expect(await search({ tags: { all: [tag.unused] } })).toEqual([]);
    // The three lists at once (one probe of a person's tags checks them together).
    const all3 = { all: [tag.new], any: [tag.vip, tag.churn], none: [tag.unused] };
    expect(await search({ tags: all3 })).toEqual([p.wang, p.zhang]);
    expect(await search({ tags: { any: [tag.vip, tag.unused], none: [tag.new] } })).toEqual([p.li]);
    expect(await search({ tags: { all: [tag.vip], none: [tag.vip] } })).toEqual([]);
  });

  it('filters by employee (active follows), channel state, added date, OA', async () => {
    expect(await search({ employees: ['alice'] })).toEqual([p.wang, p.zhang]);
    // zhao removed bob: no longer bob's customer.
    expect(await search({ employees: ['bob'] })).toEqual([p.li]);
    expect(await search({ states: ['expo'] })).toEqual([p.wang, p.zhang]);
    expect(await search({ addedFrom: t0 + day, addedTo: t0 + 3 * day })).toEqual([p.wang, p.li]);
    expect(await search({ followsOa: true })).toEqual([p.li]);
    expect(await search({ followsOa: false })).toEqual([p.zhao, p.wang, p.zhang, p.never]);
  });

  it('searches name and remark substrings and whole phone numbers', async () => {
    expect(await search({ q: '张' })).toEqual([p.zhang]);
    expect(await search({ q: 'wang' })).toEqual([p.wang]);
    expect(await search({ q: '老客' })).toEqual([p.zhang]);
    expect(await search({ q: 'lost one' })).toEqual([p.zhao]);
    expect(await search({ q: '+86 138-0013-8000' })).toEqual([p.zhang]);
    expect(await search({ q: '13800138000' })).toEqual([p.zhang]);
    expect(await search({ q: '1380013' })).toEqual([]);
    // With a tag (driven by the tag, text checked per row) and counted.
    expect(await search({ q: '老客', tags: { all: [tag.vip] } })).toEqual([p.zhang]);
    expect(await search({ q: '13800138000', tags: { none: [tag.vip] } })).toEqual([]);
    // LIKE wildcards are plain characters.
    expect(await search({ q: '%' })).toEqual([]);
    expect(await search({ q: '_' })).toEqual([]);
  });

  it('searches whole phone numbers only for callers who may see them', async () => {
    const res = await api.operator.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { q: '13800138000' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('answers items with tags, followers, OA and the masked phone', async () => {
    const res = await api.operator.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { q: '张三' },
    });
    expect(res.json()).toEqual({
      items: [
        {
          id: p.zhang,
          displayName: '张三',
          avatarUrl: null,
          tags: expect.arrayContaining([
            { id: tag.vip, name: 'vip', groupId: expect.any(String) },
            { id: tag.new, name: 'new', groupId: expect.any(String) },
          ]),
          followers: [
            {
              employeeUserId: 'alice',
              remark: '老客户',
              state: 'expo',
              addedAt: new Date(t0).toISOString(),
              status: 'active',
            },
          ],
          followsOa: false,
          addedAt: new Date(t0).toISOString(),
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          phone: '+86 138****8000',
        },
      ],
      nextCursor: null,
    });
    const owner = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { q: '张三' },
    });
    expect(owner.json().items[0].phone).toBe('+8613800138000');
  });

  it('counts what a filter matches', async () => {
    const count = async (body: object) =>
      (
        await api.owner.inject({ method: 'POST', url: api.url('/customers/count'), payload: body })
      ).json();
    expect(await count({})).toEqual({ count: 5 });
    expect(await count({ tags: { any: [tag.vip, tag.churn] } })).toEqual({ count: 3 });
    expect(await count({ employees: ['alice'], tags: { none: [tag.churn] } })).toEqual({
      count: 1,
    });
  });

  it('lists with GET and query parameters', async () => {
    const get = async (query: string) => {
      const res = await api.owner.inject({ method: 'GET', url: api.url(`/customers?${query}`) });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as CustomerPage).items.map((i) => i.id);
    };
    expect(await get(`tagsAny=${tag.vip},${tag.churn}&tagsNone=${tag.new}`)).toEqual([p.li]);
    expect(await get('employees=alice&sort=addedAt&order=asc')).toEqual([p.zhang, p.wang]);
    expect(await get('followsOa=true')).toEqual([p.li]);
    expect(await get(`q=${encodeURIComponent('李')}`)).toEqual([p.li]);
    expect(await get(`addedFrom=${t0 + day}&addedTo=${t0 + 3 * day}`)).toEqual([p.wang, p.li]);
    // An empty or malformed date is an error, not the epoch.
    for (const query of ['addedTo=', 'addedFrom=', 'addedFrom=1e3', 'addedTo=-5']) {
      const res = await api.owner.inject({ method: 'GET', url: api.url(`/customers?${query}`) });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('rejects unknown tags and bad cursors with a clear error', async () => {
    const res = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { tags: { all: [tag.vip, 'no-such-tag'], none: ['nope'] } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [
          { path: 'body/tags/all/1', message: 'unknown tag no-such-tag' },
          { path: 'body/tags/none/0', message: 'unknown tag nope' },
        ],
      },
    });
    const cursor = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { cursor: 'garbage' },
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.details).toEqual([
      { path: 'body/cursor', message: 'expected a cursor from a previous page' },
    ]);
  });
});
