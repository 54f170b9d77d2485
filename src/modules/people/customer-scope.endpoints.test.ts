import { beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../workspace/actor.js';
import { addFollow, seedEmployee } from './customer-list.testing.js';
import type { Merge } from './merge.schemas.js';
import { findMerge } from './merge.store.js';
import { id, usePeopleApi } from './people.testing.js';
import { findPerson, resolvePersonId } from './person.store.js';
import { exportPerson } from './privacy.export.js';

/**
 * Every single-customer endpoint beyond the profile honours the caller's scope: merges of a
 * customer, one merge and its undo, settling an identity conflict, the PIPL export and
 * erasure. The sales role has no
 * customers.all: it sees the customers its linked employee (sally) follows; bob's answer 404.
 */
describe('customer scope on merges, export and erasure', () => {
  const api = usePeopleApi();
  /** Live persons (own: followed by sally, foreign: by bob) with the ids merged into them. */
  const own = { live: '', merged: '', mergeId: '' };
  const foreign = { live: '', merged: '', mergeId: '' };
  let pair = 0;

  /** A customer followed by `employee`, with a second person merged into it. */
  async function mergedCustomer(employee: string) {
    const n = ++pair;
    const live = (await api.f.resolve([id.external(`wm_ep_${n}`), id.unionid(`u_ep_${n}`)]))
      .personId!;
    const merged = (await api.f.resolve([id.mp(`mp_ep_${n}`)])).personId!;
    const result = await api.f.resolve([id.mp(`mp_ep_${n}`), id.unionid(`u_ep_${n}`)]);
    await addFollow(api.f, live, { employee, addedAt: api.f.ctx.clock.now() });
    return { live, merged, mergeId: result.mergeIds[0]! };
  }

  beforeAll(async () => {
    const { f, sales } = api;
    await seedEmployee(f, { userId: 'sally', name: 'Sally', userAccountId: sales.info.user.id });
    await seedEmployee(f, { userId: 'bob', name: 'Bob' });
    Object.assign(own, await mergedCustomer('sally'));
    Object.assign(foreign, await mergedCustomer('bob'));
  });

  const get = (path: string) => api.sales.inject({ method: 'GET', url: api.url(path) });
  const post = (path: string, payload?: object) =>
    api.sales.inject({ method: 'POST', url: api.url(path), ...(payload ? { payload } : {}) });
  const notFound = (res: { statusCode: number; json(): unknown }, message: string) => {
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found', message } });
  };

  it('GET /customers/:personId/merges', async () => {
    for (const person of [own.live, own.merged]) {
      const res = await get(`/customers/${person}/merges`);
      expect(res.statusCode).toBe(200);
      expect((res.json() as { items: Merge[] }).items.map((m) => m.id)).toEqual([own.mergeId]);
    }
    for (const person of [foreign.live, foreign.merged]) {
      notFound(await get(`/customers/${person}/merges`), 'Customer not found');
    }
  });

  it('GET /merges/:mergeId', async () => {
    const res = await get(`/merges/${own.mergeId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: own.mergeId, winnerPersonId: own.live });
    notFound(await get(`/merges/${foreign.mergeId}`), 'Merge not found');
    // With customers.all the foreign merge is there.
    const operator = await api.operator.inject({
      method: 'GET',
      url: api.url(`/merges/${foreign.mergeId}`),
    });
    expect(operator.statusCode).toBe(200);
  });

  it('POST /merges/:mergeId/undo', async () => {
    const { f } = api;
    const ownPair = await mergedCustomer('sally');
    const foreignPair = await mergedCustomer('bob');
    notFound(await post(`/merges/${foreignPair.mergeId}/undo`), 'Merge not found');
    // Nothing changed: still merged, not undone.
    expect((await findMerge(f.ctx.db, f.workspaceId, foreignPair.mergeId))!.undone_at).toBeNull();
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, foreignPair.merged)).toBe(
      foreignPair.live,
    );

    const undone = await post(`/merges/${ownPair.mergeId}/undo`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ undoneBy: api.sales.info.user.email });
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, ownPair.merged)).toBe(ownPair.merged);
    // Undone, the merge stays visible through the person that keeps the follow.
    expect((await get(`/merges/${ownPair.mergeId}`)).statusCode).toBe(200);
  });

  it('GET /customers/:personId/export', async () => {
    const { f, sales } = api;
    // No built-in role exports without customers.all; a caller with export but a limited
    // scope (as an API consumer could be given) gets only its own customers.
    const acting: Acting = {
      workspaceId: f.workspaceId,
      actor: { type: 'user', id: sales.info.user.id, label: sales.info.user.email },
      permissions: ['customers.read', 'customers.export'],
    };
    const exported = await exportPerson(f.ctx, acting, own.merged);
    expect(exported.person.id).toBe(own.live);
    await expect(exportPerson(f.ctx, acting, foreign.live)).rejects.toMatchObject({
      code: 'not_found',
      message: 'Customer not found',
    });
    const audits = await f.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('workspace_id', '=', f.workspaceId)
      .where('action', '=', 'person.exported')
      .execute();
    expect(audits.map((a) => a.entity_id)).toEqual([own.live]);
    // Over HTTP: sales lacks customers.export (403); an operator exports anyone.
    expect((await get(`/customers/${own.live}/export`)).statusCode).toBe(403);
    const operator = await api.operator.inject({
      method: 'GET',
      url: api.url(`/customers/${foreign.live}/export`),
    });
    expect(operator.statusCode).toBe(200);
  });

  /** Two persons with different unionids, followed by these employees, then linked. */
  async function conflictBetween(employees: [string, string]) {
    const { f } = api;
    const n = ++pair;
    const a = (await f.resolve([id.external(`wm_cf_${n}`), id.unionid(`u_cf_a${n}`)])).personId!;
    const b = (await f.resolve([id.oa(`oa_cf_${n}`), id.unionid(`u_cf_b${n}`)])).personId!;
    await addFollow(f, a, { employee: employees[0], addedAt: f.ctx.clock.now() });
    await addFollow(f, b, { employee: employees[1], addedAt: f.ctx.clock.now() });
    const linked = await f.resolve([id.external(`wm_cf_${n}`), id.oa(`oa_cf_${n}`)]);
    return { a, b, conflictId: linked.conflictIds[0]! };
  }

  it('GET /identity-conflicts', async () => {
    const half = await conflictBetween(['sally', 'bob']);
    const theirs = await conflictBetween(['bob', 'bob']);
    const mine = await conflictBetween(['sally', 'sally']);
    const listed = async (client: typeof api.sales) => {
      const res = await client.inject({
        method: 'GET',
        url: api.url('/identity-conflicts?status=open&limit=100'),
      });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { id: string }[] }).items.map((c) => c.id);
    };
    const forSales = await listed(api.sales);
    expect(forSales).toContain(mine.conflictId);
    expect(forSales).not.toContain(half.conflictId);
    expect(forSales).not.toContain(theirs.conflictId);
    expect(await listed(api.owner)).toEqual(
      expect.arrayContaining([mine.conflictId, half.conflictId, theirs.conflictId]),
    );
  });

  it('POST /identity-conflicts/:conflictId/resolve', async () => {
    const { f } = api;
    const status = async (conflictId: string) =>
      (
        await f.ctx.db
          .selectFrom('identity_conflict')
          .select('status')
          .where('id', '=', conflictId)
          .executeTakeFirstOrThrow()
      ).status;
    const half = await conflictBetween(['sally', 'bob']);
    const resolve = (conflictId: string) =>
      post(`/identity-conflicts/${conflictId}/resolve`, { action: 'merge' });
    notFound(await resolve(half.conflictId), 'Identity conflict not found');
    expect(await status(half.conflictId)).toBe('open');
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, half.b)).toBe(half.b);

    const mine = await conflictBetween(['sally', 'sally']);
    const merged = await resolve(mine.conflictId);
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'resolved' });
    expect(await resolvePersonId(f.ctx.db, f.workspaceId, mine.b)).toBe(mine.a);
  });

  it('POST /customers/:personId/erase', async () => {
    const { f } = api;
    const ownPair = await mergedCustomer('sally');
    const foreignPair = await mergedCustomer('bob');
    const reason = { reason: 'scope test' };
    notFound(await post(`/customers/${foreignPair.live}/erase`, reason), 'Customer not found');
    notFound(await post(`/customers/${foreignPair.merged}/erase`, reason), 'Customer not found');
    // Nothing erased: the identities and the profile are intact.
    expect((await findPerson(f.ctx.db, f.workspaceId, foreignPair.live))!.erased_at).toBeNull();
    const identities = await f.ctx.db
      .selectFrom('identity')
      .select('id')
      .where('workspace_id', '=', f.workspaceId)
      .where('person_id', '=', foreignPair.live)
      .execute();
    expect(identities).toHaveLength(3);

    const erased = await post(`/customers/${ownPair.live}/erase`, reason);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ identitiesDeleted: 3 });
    expect((await findPerson(f.ctx.db, f.workspaceId, ownPair.live))!.erased_at).not.toBeNull();
  });
});
