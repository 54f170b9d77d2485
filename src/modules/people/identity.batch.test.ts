import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { resolveIdentitiesMany, type ResolveRequest } from './identity.batch.js';
import { findStoredIdentities, setLastSeen } from './identity.batch.store.js';
import type { IdentityInput } from './identity.normalize.js';
import { resolveIdentities } from './identity.service.js';
import { id, identityGraph, peopleFixture, type PeopleFixture } from './people.testing.js';
import { findPerson } from './person.store.js';

describe('resolving identity sets in batches', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  const fixture = () => peopleFixture(t, `batch-${++n}`);
  const many = (f: PeopleFixture, sets: IdentityInput[][], options = {}) => {
    t.clock.advance(1);
    const requests: ResolveRequest[] = sets.map((identities) => ({
      identities,
      options: { source: 'test', occurredAt: t.clock.now(), ...options },
    }));
    return t.database.db
      .transaction()
      .execute((trx) => resolveIdentitiesMany(trx, f.ctx, f.workspaceId, requests));
  };

  it('finds known persons, creates new ones, and reports blocked inputs, in request order', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('uA')]);
    const results = await many(
      f,
      [
        [id.unionid('uA')],
        [id.external('wmB'), id.unionid('uB')],
        [{ kind: 'unionid', value: 'null' }],
        [id.external('wmA'), id.unionid('uA')],
      ],
      { profile: { displayName: '李四' } },
    );
    expect(results[0]).toMatchObject({ personId: a.personId, created: false });
    expect(results[1]).toMatchObject({ created: true, mergeIds: [], conflictIds: [] });
    expect(results[1]!.homePersonId).toBe(results[1]!.personId);
    expect(results[2]).toMatchObject({ personId: null, blocked: [{ kind: 'unionid' }] });
    expect(results[3]).toMatchObject({ personId: a.personId, homePersonId: a.homePersonId });
    expect(await identityGraph(f)).toEqual([
      ['unionid::uA', 'wecom_external_userid:ww1436e0e65a779aee:wmA'],
      ['unionid::uB', 'wecom_external_userid:ww1436e0e65a779aee:wmB'],
    ]);
    // An empty name is filled from the profile; a known person's name is not overwritten.
    const known = await findPerson(f.ctx.db, f.workspaceId, a.personId!);
    expect(known?.display_name).toBe('李四');
    const fresh = await findPerson(f.ctx.db, f.workspaceId, results[1]!.personId!);
    expect(fresh?.display_name).toBe('李四');
  });

  it('names the live person when a later set of the batch merged an earlier set’s person', async () => {
    const f = await fixture();
    const a = await f.resolve([id.unionid('uA')]);
    const b = await f.resolve([id.member('mB'), id.oa('oB')]);
    // The second set is known (the fast path); the first merges B into A (the careful path).
    const results = await many(f, [[id.unionid('uA'), id.member('mB')], [id.oa('oB')]]);
    expect(results[0]).toMatchObject({ personId: a.personId, mergeIds: [expect.any(String)] });
    expect(results[1]).toMatchObject({ personId: a.personId, homePersonId: b.personId });
  });

  it('keeps last-seen times to the minute, like the one-by-one path', async () => {
    const f = await fixture();
    const a = await f.resolve([id.unionid('uA'), id.oa('oA')]);
    const lastSeen = () =>
      f.ctx.db
        .selectFrom('identity')
        .select(['kind', 'last_seen_at'])
        .where('workspace_id', '=', f.workspaceId)
        .orderBy('kind')
        .execute();
    const before = await lastSeen();
    await many(f, [[id.unionid('uA')]]);
    expect(await lastSeen()).toEqual(before);
    t.clock.advance(120_000);
    const [again] = await many(f, [[id.unionid('uA'), id.oa('oA')]]);
    expect(again?.personId).toBe(a.personId);
    expect((await lastSeen()).map((r) => r.last_seen_at)).toEqual([t.clock.now(), t.clock.now()]);
  });

  it('moves first-seen back and last-seen forward, never the other way', async () => {
    const f = await fixture();
    await f.resolve([id.unionid('uA'), id.oa('oA')]);
    const seen = () =>
      f.ctx.db
        .selectFrom('identity')
        .select(['first_seen_at', 'last_seen_at'])
        .where('workspace_id', '=', f.workspaceId)
        .execute();
    const [stored] = await seen();
    const earlier = stored!.first_seen_at - 3_600_000;
    await many(f, [[id.unionid('uA'), id.oa('oA')]], { occurredAt: earlier });
    expect(await seen()).toEqual([
      { first_seen_at: earlier, last_seen_at: stored!.last_seen_at },
      { first_seen_at: earlier, last_seen_at: stored!.last_seen_at },
    ]);
    const later = stored!.last_seen_at + 3_600_000;
    await many(f, [[id.unionid('uA'), id.oa('oA')]], { occurredAt: later });
    expect(await seen()).toEqual([
      { first_seen_at: earlier, last_seen_at: later },
      { first_seen_at: earlier, last_seen_at: later },
    ]);
  });

  // PostgreSQL finds the rows again by their version (ctid): a row written since it was read
  // is left for the careful path, and reported. SQLite has one writer: nothing moves.
  it('writes last-seen times of the rows read, and reports those written since', async () => {
    const f = await fixture();
    const before = t.clock.now();
    await f.resolve([id.unionid('uA'), id.oa('oA')]);
    const keys = [id.unionid('uA'), id.oa('oA')].map((i) => ({
      kind: i.kind,
      namespace: i.namespace ?? '',
      valueKey: i.value,
    }));
    const later = t.clock.now() + 3_600_000;
    const { moved, unionRef } = await t.database.db.transaction().execute(async (trx) => {
      const rows = (await findStoredIdentities(trx, f.workspaceId, keys)).map((r) => r!);
      await trx
        .updateTable('identity')
        .set({ first_seen_at: 1 })
        .where('workspace_id', '=', f.workspaceId)
        .where('kind', '=', 'unionid')
        .execute();
      return {
        moved: await setLastSeen(trx, f.workspaceId, rows, later),
        unionRef: String(rows[0]!.ref),
      };
    });
    const postgres = t.database.dialect === 'postgres';
    expect([...moved]).toEqual(postgres ? [unionRef] : []);
    const seen = await f.ctx.db
      .selectFrom('identity')
      .select(['kind', 'first_seen_at', 'last_seen_at'])
      .where('workspace_id', '=', f.workspaceId)
      .orderBy('kind')
      .execute();
    expect(seen.map((r) => r.kind)).toEqual(['oa_openid', 'unionid']);
    expect(seen[0]!.last_seen_at).toBe(later);
    expect(seen[1]!.last_seen_at === later).toBe(!postgres);
    expect(seen[1]!.last_seen_at).toBeGreaterThan(before);
    expect(seen[1]!.first_seen_at).toBe(1);
  });

  // More values than SQLite's 32,766 bind variables: each statement takes them as one list.
  it('resolves a batch of 11,000 sets (33,000 identities) to new persons, then to the same ones', async () => {
    const f = await fixture();
    const sets = Array.from({ length: 11_000 }, (_, i) => [
      id.unionid(`u${i}`),
      id.external(`wm${i}`),
      id.oa(`o${i}`),
    ]);
    const created = await many(f, sets);
    expect(created.every((r) => r.created)).toBe(true);
    expect(new Set(created.map((r) => r.personId)).size).toBe(11_000);
    t.clock.advance(120_000);
    const again = await many(f, sets);
    expect(again.map((r) => [r.personId, r.created])).toEqual(
      created.map((r) => [r.personId, false]),
    );
  }, 60_000);

  it('merges, attaches and conflicts through the careful path, sets sharing an identity in order', async () => {
    const f = await fixture();
    const a = await f.resolve([id.external('wmA'), id.unionid('uA')]);
    const b = await f.resolve([id.oa('oB')]);
    const results = await many(f, [
      [id.oa('oB'), id.unionid('uA')],
      [id.mp('mC'), id.unionid('uC')],
      [id.mp('mC'), id.phone('+8613800000001')],
    ]);
    expect(results[0]).toMatchObject({ personId: a.personId });
    expect(results[0]!.mergeIds).toHaveLength(1);
    expect(results[1]!.personId).toBe(results[2]!.personId);
    expect(results[1]!.created).toBe(true);
    expect(results[2]!.created).toBe(false);
    expect(b.personId).not.toBe(a.personId);
  });

  // Same millisecond on both sides: persons made in one batch are ordered by id.
  it('builds the same graph as resolving the sets one by one', async () => {
    const universe = {
      unionid: ['u1', 'u2', 'u3', 'u4'],
      external: ['w1', 'w2', 'w3', 'w4'],
      oa: ['o1', 'o2', 'o3'],
      phone: ['+8613800000001', '+8613800000002'],
    };
    const identity = fc.oneof(
      fc.constantFrom(...universe.unionid).map(id.unionid),
      fc.constantFrom(...universe.external).map((v) => id.external(v)),
      fc.constantFrom(...universe.oa).map((v) => id.oa(v)),
      fc.constantFrom(...universe.phone).map((v) => id.phone(v)),
    );
    const sets = fc.array(fc.array(identity, { minLength: 1, maxLength: 3 }), {
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(sets, sets, async (seed, batch) => {
        const one = await fixture();
        const other = await fixture();
        for (const f of [one, other]) for (const s of seed) await f.resolve(s);
        t.clock.advance(1);
        await t.database.db.transaction().execute(async (trx) => {
          for (const identities of batch)
            await resolveIdentities(trx, one.ctx, one.workspaceId, identities, {
              source: 'test',
              occurredAt: t.clock.now(),
            });
        });
        await many(other, batch);
        expect(await identityGraph(other)).toEqual(await identityGraph(one));
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});
