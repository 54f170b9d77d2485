import { beforeAll, describe, expect, it } from 'vitest';
import { assignTo } from './customer-list.testing.js';
import type { AttributeDefinition, PersonAttribute } from './attribute.schemas.js';
import { id, usePeopleApi } from './people.testing.js';

describe('custom attributes', () => {
  const api = usePeopleApi();
  const { url } = api;
  let person: string;
  const define = (payload: object) =>
    api.operator.inject({ method: 'POST', url: url('/attribute-definitions'), payload });
  const set = (payload: object, client = api.sales) =>
    (api.t.clock.advance(1), client).inject({
      method: 'PUT',
      url: url(`/customers/${person}/attributes`),
      payload,
    });

  beforeAll(async () => {
    const { t, f } = api;
    person = (await f.resolve([id.external('wmAttr')])).personId!;
    await assignTo(f, api.sales, person); // sales see their own customers only
    for (const definition of [
      { key: 'city', label: '城市', type: 'text' },
      { key: 'age', label: '年龄', type: 'number' },
      { key: 'birthday', label: '生日', type: 'date' },
      { key: 'level', label: '等级', type: 'enum', enumOptions: ['银卡', '金卡'] },
      { key: 'married', label: '已婚', type: 'boolean' },
      { key: 'id_card', label: '身份证', type: 'text', pii: true },
    ]) {
      t.clock.advance(1);
      expect((await define(definition)).statusCode).toBe(201);
    }
  });

  it('validates definitions', async () => {
    const { sales } = api;
    expect((await define({ key: 'city', label: 'x', type: 'text' })).statusCode).toBe(409);
    const noOptions = await define({ key: 'tier', label: 'x', type: 'enum' });
    expect(noOptions.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'body/enumOptions' }] },
    });
    expect((await define({ key: 'Bad Key', label: 'x', type: 'text' })).statusCode).toBe(400);
    expect(
      (await define({ key: 'n', label: 'x', type: 'number', enumOptions: ['a'] })).statusCode,
    ).toBe(400);
    expect(
      (
        await sales.inject({
          method: 'POST',
          url: url('/attribute-definitions'),
          payload: { key: 'z', label: 'z', type: 'text' },
        })
      ).statusCode,
    ).toBe(403);
    const list = (
      await sales.inject({ method: 'GET', url: url('/attribute-definitions') })
    ).json() as {
      items: AttributeDefinition[];
    };
    const created = await api.f.ctx.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'attribute_definition.created')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(created.after!)).toMatchObject({
      attribute: 'city',
      label: '城市',
      type: 'text',
    });
    expect(list.items.map((d) => `${d.key}:${d.type}${d.pii ? ':pii' : ''}`)).toEqual([
      'city:text',
      'age:number',
      'birthday:date',
      'level:enum',
      'married:boolean',
      'id_card:text:pii',
    ]);
  });

  it('sets typed values and rejects wrong ones field by field, changing nothing', async () => {
    const { f, sales } = api;
    const ok = await set({
      city: '杭州',
      age: 31,
      birthday: '1994-02-28',
      level: '金卡',
      married: false,
      id_card: '330106199402281234',
    });
    expect(ok.statusCode).toBe(200);
    const values = (ok.json() as { items: PersonAttribute[] }).items.map((a) => [a.key, a.value]);
    expect(values).toEqual([
      ['city', '杭州'],
      ['age', 31],
      ['birthday', '1994-02-28'],
      ['level', '金卡'],
      ['married', false],
      ['id_card', '330106199402281234'],
    ]);

    const bad = await set({
      city: '',
      age: '31',
      birthday: '1994-02-30',
      level: '钻石卡',
      married: 'yes',
      shoe_size: 42,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        details: [
          { path: 'body/city', key: 'city', expected: 'text of 1 to 2000 characters' },
          { path: 'body/age', key: 'age', expected: 'a number' },
          { path: 'body/birthday', key: 'birthday', expected: 'a date as YYYY-MM-DD' },
          { path: 'body/level', key: 'level', expected: 'one of "银卡", "金卡"' },
          { path: 'body/married', key: 'married', expected: 'true or false' },
          { path: 'body/shoe_size', key: 'shoe_size', expected: 'a defined attribute' },
        ],
      },
    });
    // One bad value: the good ones are not written either.
    expect((await set({ city: '上海', age: 'old' })).statusCode).toBe(400);
    const profile = (
      await sales.inject({ method: 'GET', url: url(`/customers/${person}`) })
    ).json() as {
      attributes: PersonAttribute[];
    };
    expect(profile.attributes.find((a) => a.key === 'city')?.value).toBe('杭州');

    const cleared = await set({ married: null, age: 32 });
    const after = (cleared.json() as { items: PersonAttribute[] }).items.map((a) => a.key);
    expect(after).not.toContain('married');
    expect(
      (cleared.json() as { items: PersonAttribute[] }).items.find((a) => a.key === 'age')?.value,
    ).toBe(32);
    // Dates are stored as text and as a number for range queries.
    const birthday = await f.ctx.db
      .selectFrom('person_attribute')
      .select(['value_text', 'value_number'])
      .where('key', '=', 'birthday')
      .executeTakeFirstOrThrow();
    expect(birthday).toEqual({ value_text: '1994-02-28', value_number: Date.UTC(1994, 1, 28) });
  });

  it('audits attribute changes with personal values masked', async () => {
    const { f, operator } = api;
    await set({ id_card: '110101199003071234', city: '南京' }, operator);
    const entry = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.attributes_changed')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toEqual({ id_card: '1***4', city: '南京' });
    expect(entry.before).not.toContain('330106199402281234');
    // The operator (no customers.pii) sees the answer masked too.
    const res = await set({ city: '苏州' }, operator);
    expect(
      (res.json() as { items: PersonAttribute[] }).items.find((a) => a.key === 'id_card'),
    ).toMatchObject({
      value: '1***4',
      masked: true,
    });
  });

  it('renames, extends and deletes definitions', async () => {
    const { f, operator } = api;
    const list = (
      await operator.inject({ method: 'GET', url: url('/attribute-definitions') })
    ).json() as {
      items: AttributeDefinition[];
    };
    const level = list.items.find((d) => d.key === 'level')!;
    const patched = await operator.inject({
      method: 'PATCH',
      url: url(`/attribute-definitions/${level.id}`),
      payload: { label: '会员等级', enumOptions: ['银卡', '金卡', '钻石卡'] },
    });
    expect(patched.json()).toMatchObject({
      label: '会员等级',
      enumOptions: ['银卡', '金卡', '钻石卡'],
    });
    expect((await set({ level: '钻石卡' })).statusCode).toBe(200);
    const city = list.items.find((d) => d.key === 'city')!;
    expect(
      (await operator.inject({ method: 'DELETE', url: url(`/attribute-definitions/${city.id}`) }))
        .statusCode,
    ).toBe(204);
    const rows = await f.ctx.db
      .selectFrom('person_attribute')
      .select('key')
      .where('key', '=', 'city')
      .execute();
    expect(rows).toEqual([]);
  });
});
