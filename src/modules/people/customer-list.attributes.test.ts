import { beforeAll, describe, expect, it } from 'vitest';
import { createAttributeDefinition } from './attribute.service.js';
import type { CustomerPage } from './customer-list.schemas.js';
import { id, setAttributes, systemActing, usePeopleApi } from './people.testing.js';

describe('customer search: attribute conditions', () => {
  const api = usePeopleApi();
  const p: Record<string, string> = {};

  beforeAll(async () => {
    const { f } = api;
    const define = (
      key: string,
      type: 'text' | 'number' | 'date' | 'enum' | 'boolean',
      extra: { pii?: boolean; enumOptions?: string[] } = {},
    ) => createAttributeDefinition(f.ctx, systemActing(f), { key, label: key, type, ...extra });
    await define('city', 'text');
    await define('age', 'number');
    await define('birthday', 'date');
    await define('level', 'enum', { enumOptions: ['silver', 'gold'] });
    await define('married', 'boolean');
    await define('id_card', 'text', { pii: true });
    const values: Record<string, Record<string, unknown>> = {
      a: {
        city: 'Shanghai',
        age: 30,
        birthday: '1990-05-01',
        level: 'gold',
        married: true,
        id_card: 'X1',
      },
      b: {
        city: 'Shenzhen',
        age: 41.5,
        birthday: '1985-01-31',
        level: 'silver',
        married: false,
        id_card: 'X2',
      },
      c: { city: 'Beijing', age: -3 },
      d: {},
    };
    for (const key of Object.keys(values)) {
      // Created in order a…d: the list (never added) shows them newest first.
      p[key] = (await f.resolve([id.external(`wm_attr_${key}`)])).personId!;
      await setAttributes(f, p[key], values[key]!);
    }
  });

  const search = async (...attributes: object[]) => {
    const res = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: { attributes, sort: { field: 'createdAt', order: 'asc' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids = (res.json() as CustomerPage).items.map((i) => i.id);
    return Object.keys(p)
      .filter((k) => ids.includes(p[k]!))
      .join('');
  };

  it('compares text: eq, neq, contains (any case), in, set, unset', async () => {
    expect(await search({ key: 'city', op: 'eq', value: 'Shanghai' })).toBe('a');
    expect(await search({ key: 'city', op: 'neq', value: 'Shanghai' })).toBe('bcd');
    expect(await search({ key: 'city', op: 'contains', value: 'SH' })).toBe('ab');
    expect(await search({ key: 'city', op: 'in', value: ['Beijing', 'Shenzhen'] })).toBe('bc');
    expect(await search({ key: 'city', op: 'set' })).toBe('abc');
    expect(await search({ key: 'city', op: 'unset' })).toBe('d');
  });

  it('compares numbers and dates by value', async () => {
    expect(await search({ key: 'age', op: 'gt', value: 30 })).toBe('b');
    expect(await search({ key: 'age', op: 'gte', value: 30 })).toBe('ab');
    expect(await search({ key: 'age', op: 'lt', value: 30 })).toBe('c');
    expect(await search({ key: 'age', op: 'lte', value: 30 })).toBe('ac');
    expect(await search({ key: 'age', op: 'in', value: [30, -3] })).toBe('ac');
    expect(await search({ key: 'birthday', op: 'lt', value: '1990-01-01' })).toBe('b');
    expect(await search({ key: 'birthday', op: 'eq', value: '1990-05-01' })).toBe('a');
    expect(await search({ key: 'birthday', op: 'gte', value: '1985-01-31' })).toBe('ab');
  });

  it('compares enums, booleans and personal attributes (by keyed hash)', async () => {
    expect(await search({ key: 'level', op: 'eq', value: 'gold' })).toBe('a');
    expect(await search({ key: 'level', op: 'in', value: ['gold', 'silver'] })).toBe('ab');
    expect(await search({ key: 'married', op: 'eq', value: false })).toBe('b');
    expect(await search({ key: 'married', op: 'neq', value: true })).toBe('bcd');
    expect(await search({ key: 'id_card', op: 'eq', value: 'X2' })).toBe('b');
    expect(await search({ key: 'id_card', op: 'in', value: ['X1', 'X2'] })).toBe('ab');
    // Several conditions: all must hold.
    expect(await search({ key: 'city', op: 'set' }, { key: 'age', op: 'lt', value: 40 })).toBe(
      'ac',
    );
  });

  it('compares personal attributes by value only for callers who may see them', async () => {
    const asOperator = (attributes: object[]) =>
      api.operator.inject({
        method: 'POST',
        url: api.url('/customers/search'),
        payload: { attributes },
      });
    const res = await asOperator([{ key: 'id_card', op: 'eq', value: 'X2' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      {
        path: 'body/attributes/0',
        message:
          'eq on personal attribute id_card needs the customers.pii permission (set and unset do not)',
      },
    ]);
    const set = await asOperator([{ key: 'id_card', op: 'set' }]);
    expect(set.statusCode).toBe(200);
    expect((set.json() as CustomerPage).items.map((i) => i.id).sort()).toEqual([p.a, p.b].sort());
  });

  it('rejects conditions that do not fit the attribute, one detail each', async () => {
    const res = await api.owner.inject({
      method: 'POST',
      url: api.url('/customers/search'),
      payload: {
        attributes: [
          { key: 'married', op: 'gt', value: true },
          { key: 'age', op: 'eq', value: 'thirty' },
          { key: 'level', op: 'eq', value: 'platinum' },
          { key: 'id_card', op: 'contains', value: 'X' },
          { key: 'birthday', op: 'lt', value: '1990-02-30' },
          { key: 'shoe_size', op: 'set' },
          { key: 'city', op: 'set', value: 'x' },
          { key: 'city', op: 'in', value: 'Shanghai' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'validation_failed',
      message: 'The customer filter is not valid',
      details: [
        {
          path: 'body/attributes/0',
          message: 'gt does not apply to boolean attribute married (use eq, neq, set, unset)',
        },
        { path: 'body/attributes/1', message: 'age: expected a number' },
        { path: 'body/attributes/2', message: 'level: expected one of "silver", "gold"' },
        {
          path: 'body/attributes/3',
          message:
            'contains does not apply to personal text attribute id_card (use eq, neq, in, set, unset)',
        },
        { path: 'body/attributes/4', message: 'birthday: expected a date as YYYY-MM-DD' },
        { path: 'body/attributes/5/key', message: 'shoe_size is not an attribute' },
        { path: 'body/attributes/6', message: 'set takes no value' },
        { path: 'body/attributes/7', message: 'in needs an array of values' },
      ],
    });
  });
});
