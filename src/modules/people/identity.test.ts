import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { findPersonByIdentity } from './identity.lookup.js';
import type { MergeCause } from './merge.types.js';
import { mergePersons } from './merge.service.js';
import { undoMerge } from './unmerge.service.js';
import { findMerge } from './merge.store.js';
import { id, identityGraph, peopleFixture, type PeopleFixture } from './people.testing.js';
import { findPerson, resolvePersonId } from './person.store.js';
import { systemActor } from '../workspace/actor.js';

describe('identity resolution', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  /** Each test in a workspace of its own. */
  const fixture = () => peopleFixture(t, `ids-${++n}`);
  const conflicts = (f: PeopleFixture) =>
    f.ctx.db
      .selectFrom('identity_conflict')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .execute();

  it('creates a person for new identities and finds it again', async () => {
    const f = await fixture();
    const first = await f.resolve([id.external('wmA'), id.unionid('uA')], {
      profile: { displayName: '张三' },
    });
    expect(first).toMatchObject({ created: true, mergeIds: [], conflictIds: [], blocked: [] });
    const created = t.clock.now();
    t.clock.advance(60_000);
    const again = await f.resolve([id.unionid('uA')]);
    expect(again).toMatchObject({ personId: first.personId, created: false });
    const seen = t.clock.now();
    const more = await f.resolve([id.unionid('uA'), id.oa('oA')]);
    expect(more.personId).toBe(first.personId);
    expect(await identityGraph(f)).toEqual([
      [
        `oa_openid:wx5823bf96d3bd56c7:oA`,
        'unionid::uA',
        `wecom_external_userid:ww1436e0e65a779aee:wmA`,
      ],
    ]);
    const person = await findPerson(f.ctx.db, f.workspaceId, first.personId!);
    expect(person?.display_name).toBe('张三');
    const unionid = await f.ctx.db
      .selectFrom('identity')
      .selectAll()
      .where('workspace_id', '=', f.workspaceId)
      .where('kind', '=', 'unionid')
      .executeTakeFirstOrThrow();
    expect(unionid.first_seen_at).toBe(created);
    // Last seen is kept to the minute: the resolution a millisecond later wrote nothing.
    expect(unionid.last_seen_at).toBe(seen);
  });

  it('merges two persons the same unionid links, into the older one', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('uA')]);
    t.clock.advance(1000);
    const b = await f.resolve([id.oa('oB')]);
    expect(b.personId).not.toBe(a.personId);
    t.clock.advance(1000);
    const linked = await f.resolve([id.oa('oB'), id.unionid('uA')], {
      source: 'oa',
      event: { type: 'oa.followed', id: 'evt-1' },
    });
    expect(linked.personId).toBe(a.personId);
    expect(linked.mergeIds).toHaveLength(1);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, b.personId!)).toBe(a.personId);
    const merge = await findMerge(f.ctx.db, f.workspaceId, linked.mergeIds[0]!);
    expect(merge).toMatchObject({ winner_person_id: a.personId, loser_person_id: b.personId });
    const cause = JSON.parse(merge!.cause) as MergeCause;
    expect(cause).toMatchObject({
      reason: 'identity',
      source: 'oa',
      event: { type: 'oa.followed', id: 'evt-1' },
      identity: { kind: 'unionid', value: 'uA' },
      loserIdentity: { kind: 'oa_openid', value: 'oB' },
    });
    expect(await identityGraph(f)).toHaveLength(1);
  });

  it('merges by a phone verified on both sides, never by an unverified one', async () => {
    const f = await fixture();
    const a = await f.resolve([id.mp('mA'), id.phone('13800138000', true)]);
    const b = await f.resolve([id.member('m-1')]);
    const merged = await f.resolve([id.member('m-1'), id.phone('+86 138-0013-8000', true)]);
    expect(merged.personId).toBe(a.personId);
    expect(merged.mergeIds).toHaveLength(1);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, b.personId!)).toBe(a.personId);

    // A form typed the same number: no merge; a new person and a conflict to review.
    const typed = await f.resolve([id.member('m-2'), id.phone('138 0013 8000', false)]);
    expect(typed.personId).not.toBe(a.personId);
    expect(typed.created).toBe(true);
    expect(await conflicts(f)).toEqual([
      expect.objectContaining({ reason: 'unverified', kind: 'phone', status: 'open' }),
    ]);
    // With nothing else to go on, the number finds its holder (a lookup, not a merge).
    const lookup = await f.resolve([id.phone('13800138000', false)]);
    expect(lookup).toMatchObject({ personId: a.personId, created: false, mergeIds: [] });
  });

  it('does not merge on a phone stored unverified, and upgrades it when its holder verifies it', async () => {
    const f = await fixture();
    const a = await f.resolve([id.mp('mA'), id.phone('13900139000', false)]);
    const other = await f.resolve([id.member('m-9'), id.phone('13900139000', true)]);
    expect(other.personId).not.toBe(a.personId);
    expect(other.mergeIds).toEqual([]);
    await f.resolve([id.mp('mA'), id.phone('13900139000', true)]);
    const phone = await f.ctx.db
      .selectFrom('identity')
      .select(['verified', 'person_id'])
      .where('workspace_id', '=', f.workspaceId)
      .where('kind', '=', 'phone')
      .executeTakeFirstOrThrow();
    expect(phone).toEqual({ verified: 1, person_id: a.personId });
  });

  it('blocks junk values: never stored, never linking', async () => {
    const f = await fixture();
    for (const junk of [
      '',
      ' ',
      '0',
      'null',
      'NULL',
      'undefined',
      '-1',
      'none',
      'unknown',
      '0000',
      '99999999',
    ]) {
      const r = await f.resolve([id.unionid(junk), id.member(/^\d+$/.test(junk) ? '0' : junk)]);
      expect(r.personId, JSON.stringify(junk)).toBeNull();
      expect(r.blocked).toHaveLength(2);
    }
    const r = await f.resolve([
      id.unionid('uOk'),
      id.phone('00000000000'),
      id.email('not-an-email'),
      { kind: 'oa_openid', value: 'oNoAppid' },
    ]);
    expect(r.blocked.map((b) => `${b.kind}: ${b.reason}`)).toEqual([
      'phone: one repeated digit',
      'email: not a valid email',
      'oa_openid: missing namespace',
    ]);
    expect(await identityGraph(f)).toEqual([['unionid::uOk']]);
    // Two persons both reporting "null" as their unionid stay two persons.
    const x = await f.resolve([id.external('wmX'), id.unionid('null')]);
    const y = await f.resolve([id.external('wmY'), id.unionid('null')]);
    expect(x.personId).not.toBe(y.personId);
    // The list is configurable.
    f.ctx.identityKinds.blockValues(['guest'], 'member_id');
    expect((await f.resolve([id.member('GUEST')])).personId).toBeNull();
    expect((await f.resolve([id.unionid('guest')])).personId).not.toBeNull();
    // Member ids like 11 are real (auto-increment), unlike an all-same-digit unionid.
    expect((await f.resolve([id.member('11')])).personId).not.toBeNull();
    // A blocked placeholder phone is blocked however it is written, and links nobody.
    f.ctx.identityKinds.blockValues(['13900000000'], 'phone');
    const m1 = await f.resolve([id.member('X1'), id.phone('+86 139 0000 0000')]);
    const m2 = await f.resolve([id.member('Y1'), id.phone('139-0000-0000')]);
    expect(m1.blocked).toEqual([{ kind: 'phone', namespace: '', reason: 'blocked value' }]);
    expect(m2.blocked).toEqual([{ kind: 'phone', namespace: '', reason: 'blocked value' }]);
    expect(m1.personId).not.toBe(m2.personId);
  });

  it('records a conflict instead of a merge that would give a person two unionids', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('u1')]);
    const b = await f.resolve([id.oa('oB'), id.unionid('u2')]);
    const r = await f.resolve([id.external('wmA'), id.oa('oB')]);
    expect(r).toMatchObject({ personId: a.personId, mergeIds: [] });
    expect(r.conflictIds).toHaveLength(1);
    const again = await f.resolve([id.external('wmA'), id.oa('oB')]);
    expect(again.conflictIds).toEqual(r.conflictIds);
    const [conflict] = await conflicts(f);
    expect(conflict).toMatchObject({
      reason: 'limit',
      rule: 'unionid: at most 1 per person',
      status: 'open',
      occurrences: 2,
      kind: 'oa_openid',
      value: 'oB',
    });
    expect([conflict!.person_a_id, conflict!.person_b_id].sort()).toEqual(
      [a.personId, b.personId].sort(),
    );
    expect(await identityGraph(f)).toHaveLength(2);
  });

  it('sends a set whose merge was refused to the side of its highest-ranked identity', async () => {
    const f = await fixture();
    await f.resolve([id.unionid('u1'), id.phone('13700137000')]);
    const b = await f.resolve([id.unionid('u2')]);
    // The unionid says WeChat user u2; the phone is a's. The merge would give two unionids.
    const r = await f.resolve([id.unionid('u2'), id.phone('13700137000'), id.member('M2')]);
    expect(r).toMatchObject({ personId: b.personId, mergeIds: [] });
    expect(r.conflictIds).toHaveLength(1);
    expect(await identityGraph(f)).toEqual([
      ['member_id::M2', 'unionid::u2'],
      ['phone::+8613700137000', 'unionid::u1'],
    ]);
  });

  it('does not merge again through a third person what an operator took apart', async () => {
    const f = await fixture();
    const b = await f.resolve([id.member('mB')]);
    const c = await f.resolve([id.mp('mC')]);
    const a = await f.resolve([id.oa('oA')]);
    const merged = await f.resolve([id.mp('mC'), id.oa('oA')]);
    await f.ctx.db.transaction().execute((trx) =>
      undoMerge(trx, f.ctx, {
        workspaceId: f.workspaceId,
        mergeId: merged.mergeIds[0]!,
        by: systemActor,
      }),
    );
    // The older person B takes A in; then a set links A's openid with C's again.
    const intoB = await f.resolve([id.member('mB'), id.oa('oA')]);
    expect(intoB).toMatchObject({ personId: b.personId, mergeIds: [expect.any(String)] });
    const again = await f.resolve([id.oa('oA'), id.mp('mC')]);
    expect(again.mergeIds).toEqual([]);
    expect(again.conflictIds).toHaveLength(1);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, c.personId!)).toBe(c.personId);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, a.personId!)).toBe(b.personId);
  });

  it('lets a person without the kind join one an operator gave two unionids', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('u1')]);
    const b = await f.resolve([id.oa('oB'), id.unionid('u2')]);
    await f.ctx.db.transaction().execute((trx) =>
      mergePersons(trx, f.ctx, {
        workspaceId: f.workspaceId,
        winnerId: a.personId!,
        loserId: b.personId!,
        cause: { reason: 'manual', identity: null, source: 'console' },
        by: systemActor,
      }),
    );
    const c = await f.resolve([id.mp('mC')]);
    const r = await f.resolve([id.unionid('u2'), id.mp('mC')]);
    expect(r).toMatchObject({ personId: a.personId, mergeIds: [expect.any(String)] });
    expect(r.conflictIds).toEqual([]);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, c.personId!)).toBe(a.personId);
    // Another unionid still may not join.
    const d = await f.resolve([id.unionid('u3')]);
    const refused = await f.resolve([id.unionid('u3'), id.oa('oB')]);
    expect(refused.mergeIds).toEqual([]);
    expect(refused.conflictIds).toHaveLength(1);
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, d.personId!)).toBe(d.personId);
  });

  it('gives an identity over a limit a person of its own, with a conflict', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('u1')]);
    const r = await f.resolve([id.external('wmA'), id.unionid('u2')]);
    expect(r.personId).toBe(a.personId);
    expect(await conflicts(f)).toEqual([
      expect.objectContaining({ reason: 'limit', rule: 'unionid: at most 1 per person' }),
    ]);
    // One external_userid per corp per person; another corp is fine.
    const second = await f.resolve([id.unionid('u1'), id.external('wmA2')]);
    expect(second.personId).toBe(a.personId);
    const otherCorp = await f.resolve([
      id.unionid('u1'),
      id.external('wmZ', 'wwOtherCorp00000001'),
    ]);
    expect(otherCorp.personId).toBe(a.personId);
    expect(await identityGraph(f)).toEqual([
      [
        'unionid::u1',
        'wecom_external_userid:ww1436e0e65a779aee:wmA',
        'wecom_external_userid:wwOtherCorp00000001:wmZ',
      ],
      ['unionid::u2'],
      ['wecom_external_userid:ww1436e0e65a779aee:wmA2'],
    ]);
    // One set may not carry two values of a limited kind.
    const two = await f.resolve([id.unionid('u7'), id.unionid('u8')]);
    expect(two.blocked).toEqual([
      { kind: 'unionid', namespace: '', reason: 'more than 1 unionid in one set' },
    ]);
  });

  it('finds the holder of an identity without creating anyone', async () => {
    const f = await fixture();
    const a = await f.resolve([id.member('M-42'), id.phone('13600136000', false)]);
    const find = (input: Parameters<typeof findPersonByIdentity>[3]) =>
      findPersonByIdentity(f.ctx.db, f.ctx, f.workspaceId, input);
    expect(await find(id.member('M-42'))).toMatchObject({ personId: a.personId, verified: true });
    expect(await find(id.phone('+86 136 0013 6000'))).toMatchObject({
      personId: a.personId,
      verified: false,
    });
    expect(await find(id.member('M-43'))).toBeUndefined();
    expect(await find(id.member('null'))).toBeUndefined();
    expect(await identityGraph(f)).toHaveLength(1);
  });

  it('resolves concurrent facts about one person into one person', async () => {
    const f = await fixture();
    const facts = [
      [id.external('wmR'), id.unionid('uR')],
      [id.oa('oR'), id.unionid('uR')],
      [id.mp('mR'), id.unionid('uR')],
      [id.mp('mR'), id.phone('13500135000', true)],
      [id.member('R1'), id.phone('13500135000', true)],
      [id.unionid('uR')],
    ];
    const results = await Promise.all([...facts, ...facts].map((fact) => f.resolve(fact)));
    const live = new Set(
      await Promise.all(results.map((r) => resolvePersonId(f.ctx.db, f.workspaceId, r.personId!))),
    );
    expect(live.size).toBe(1);
    expect(await identityGraph(f)).toHaveLength(1);
    expect((await identityGraph(f))[0]).toHaveLength(6);
  });

  it('rejects unknown identity kinds', async () => {
    const f = await fixture();
    await expect(f.resolve([{ kind: 'douyin_openid', value: 'x' }])).rejects.toMatchObject({
      code: 'validation_failed',
    });
    f.ctx.identityKinds.register({
      ...f.ctx.identityKinds.get('unionid')!,
      kind: 'douyin_openid',
      maxPerPerson: undefined,
    });
    expect((await f.resolve([{ kind: 'douyin_openid', value: 'x' }])).created).toBe(true);
  });

  it('converges to the same graph whatever order the same facts arrive in', async () => {
    const facts = [
      [id.external('wmA'), id.unionid('uA')],
      [id.oa('oA'), id.unionid('uA')],
      [id.mp('mA'), id.phone('13800138000', true)],
      [id.mp('mA'), id.unionid('uA')],
      [id.member('M1'), id.phone('+8613800138000', true), id.email('Zhang@Example.com', true)],
      [id.oa('oA')],
      [id.external('wmB'), id.unionid('uB')],
      [id.oa('oB'), id.email('b@example.com', false)],
      [id.email('b@example.com', false)],
    ];
    let expected: string[][] | undefined;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 8; round++) {
      const order = facts.map((_, i) => i);
      if (round === 1) order.reverse();
      if (round > 1) order.sort(() => random() - 0.5);
      const f = await fixture();
      for (const i of order) {
        t.clock.advance(1000);
        await f.resolve(facts[i]!);
      }
      const graph = await identityGraph(f);
      expected ??= graph;
      expect(graph, `order ${order.join(',')}`).toEqual(expected);
    }
    expect(expected).toEqual([
      ['email::b@example.com', 'oa_openid:wx5823bf96d3bd56c7:oB'],
      [
        'email::zhang@example.com',
        'member_id::M1',
        'mp_openid:wx0c1d2e3f4a5b6c7d:mA',
        'oa_openid:wx5823bf96d3bd56c7:oA',
        'phone::+8613800138000',
        'unionid::uA',
        'wecom_external_userid:ww1436e0e65a779aee:wmA',
      ],
      ['unionid::uB', 'wecom_external_userid:ww1436e0e65a779aee:wmB'],
    ]);
  });
});
