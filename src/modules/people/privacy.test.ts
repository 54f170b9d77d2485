import { beforeAll, describe, expect, it } from 'vitest';
import { createAttributeDefinition } from './attribute.service.js';
import type { CustomerProfile, Erasure } from './customer.schemas.js';
import { findMerge } from './merge.store.js';
import type { PersonExport } from './privacy.export.js';
import {
  id,
  inTransaction,
  recordEvents,
  seedTags,
  setAttributes,
  systemActing,
  tagPerson,
  usePeopleApi,
} from './people.testing.js';
import { recordPersonEvents } from './timeline.service.js';

describe('data export and erasure (PIPL)', () => {
  const api = usePeopleApi();
  let n = 0;

  beforeAll(async () => {
    const { f } = api;
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'id_card',
      label: '身份证',
      type: 'text',
      pii: true,
    });
    await createAttributeDefinition(f.ctx, systemActing(f), {
      key: 'level',
      label: '等级',
      type: 'number',
    });
  });

  /** A merged person (A←B) with identities, tags, attributes and events. */
  async function customer() {
    const { t, f } = api;
    const k = ++n;
    const tags = await seedTags(f, ['VIP'], `Privacy ${k}`);
    const a = (
      await f.resolve(
        [id.external(`wm${k}`), id.unionid(`u${k}`), id.phone(`1390013900${k % 10}`, true)],
        {
          profile: { displayName: '王小明', avatarUrl: 'https://img/w.png' },
        },
      )
    ).personId!;
    const b = (await f.resolve([id.oa(`o${k}`)])).personId!;
    const merge = await f.resolve([id.oa(`o${k}`), id.unionid(`u${k}`)]);
    await tagPerson(f, a, [tags.VIP!]);
    await setAttributes(f, a, { id_card: '110101199003078888', level: 3 });
    await inTransaction(f, (trx) =>
      recordPersonEvents(trx, f.ctx, f.workspaceId, [
        {
          personId: b,
          type: 'order.paid',
          source: 'mall',
          occurredAt: t.clock.now(),
          properties: {
            amount: 199,
            currency: 'CNY',
            address: '上海市徐汇区',
            receiver: '王小明',
            orderId: 'O-1',
          },
        },
      ]),
    );
    await recordEvents(f, a, ['contact.added']);
    return { a, b, mergeId: merge.mergeIds[0]!, unionid: `u${k}`, external: `wm${k}`, oa: `o${k}` };
  }

  it('exports everything held about a person, in the clear only for customers.pii, audited', async () => {
    const { f, owner, operator, agent } = api;
    const c = await customer();
    const asOwner = await owner.inject({
      method: 'GET',
      url: `/api/workspaces/default/customers/${c.b}/export`,
    });
    expect(asOwner.statusCode).toBe(200);
    expect(asOwner.headers['content-disposition']).toContain(`customer-${c.a}.json`);
    const data = asOwner.json() as PersonExport;
    expect(data.person.id).toBe(c.a);
    expect(data.personalDataMasked).toBe(false);
    expect(data.mergedPersons.map((p) => p.id)).toEqual([c.b]);
    expect(data.identities.map((i) => i.kind).sort()).toEqual([
      'oa_openid',
      'phone',
      'unionid',
      'wecom_external_userid',
    ]);
    expect(data.identities.find((i) => i.kind === 'phone')!.value).toMatch(/^\+86139/);
    expect(data.attributes.find((a) => a.key === 'id_card')!.value).toBe('110101199003078888');
    expect(data.tags.map((tag) => tag.name)).toEqual(['VIP']);
    expect(data.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['order.paid', 'contact.added', 'person.tag_added']),
    );
    expect(data.merges).toHaveLength(1);

    const asOperator = await operator.inject({
      method: 'GET',
      url: `/api/workspaces/default/customers/${c.a}/export`,
    });
    const masked = asOperator.json() as PersonExport;
    expect(masked.personalDataMasked).toBe(true);
    expect(masked.identities.find((i) => i.kind === 'phone')!.value).toMatch(/^\+86 139\*\*\*\*/);
    expect(masked.attributes.find((a) => a.key === 'id_card')!.value).toBe('1***8');

    const forbidden = await agent.inject({
      method: 'GET',
      url: `/api/workspaces/default/customers/${c.a}/export`,
    });
    expect(forbidden.statusCode).toBe(403);

    const audit = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.exported')
      .execute();
    expect(audit.map((e) => e.entity_id)).toEqual([c.a, c.a]);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ personalDataMasked: false });
  });

  it('erases personal data, keeps anonymous facts, and treats a returning user as new', async () => {
    const { f, owner, operator } = api;
    const c = await customer();
    const forbidden = await operator.inject({
      method: 'POST',
      url: `/api/workspaces/default/customers/${c.a}/erase`,
      payload: {},
    });
    expect(forbidden.statusCode).toBe(403);

    const res = await owner.inject({
      method: 'POST',
      url: `/api/workspaces/default/customers/${c.b}/erase`,
      payload: { reason: 'Data subject request #42' },
    });
    expect(res.statusCode).toBe(200);
    const erasure = res.json() as Erasure;
    expect(erasure).toMatchObject({ identitiesDeleted: 4, attributesDeleted: 1 });
    expect(erasure.personIds.sort()).toEqual([c.a, c.b].sort());

    const profile = (
      await owner.inject({ method: 'GET', url: `/api/workspaces/default/customers/${c.a}` })
    ).json() as CustomerProfile;
    expect(profile).toMatchObject({ displayName: null, avatarUrl: null, identities: [] });
    expect(profile.erasedAt).not.toBeNull();
    expect(profile.tags.map((tag) => tag.name)).toEqual(['VIP']);
    expect(profile.attributes.map((a) => `${a.key}=${String(a.value)}`)).toEqual(['level=3']);
    const order = await f.ctx.db
      .selectFrom('person_event')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .where('person_id', '=', c.a)
      .where('type', '=', 'order.paid')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(order.properties)).toEqual({ amount: 199, currency: 'CNY', orderId: 'O-1' });
    const merge = await findMerge(f.ctx.db, f.workspaceId, c.mergeId);
    expect(merge!.cause).not.toContain(c.unionid);
    expect(merge!.cause).not.toContain(c.oa);

    const audit = await f.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.erased')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({
      reason: 'Data subject request #42',
      identitiesDeleted: 4,
    });

    // Changes to an erased person are refused; its merge cannot be undone; erasing twice is 409.
    const write = await owner.inject({
      method: 'PUT',
      url: `/api/workspaces/default/customers/${c.a}/attributes`,
      payload: { level: 4 },
    });
    expect(write.statusCode).toBe(409);
    expect(
      (
        await owner.inject({
          method: 'POST',
          url: `/api/workspaces/default/merges/${c.mergeId}/undo`,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await owner.inject({
          method: 'POST',
          url: `/api/workspaces/default/customers/${c.a}/erase`,
          payload: {},
        })
      ).statusCode,
    ).toBe(409);

    // The same WeChat user coming back is a new person.
    const back = await f.resolve([id.external(c.external), id.unionid(c.unionid)]);
    expect(back.created).toBe(true);
    expect([c.a, c.b]).not.toContain(back.personId);
    // Events for the erased person (stale ids held elsewhere) are not recorded.
    const late = await recordEvents(f, c.b, ['oa.message_received']);
    expect(late).toEqual({ stored: [], skipped: [{ index: 0, reason: 'erased person' }] });
  });
});
