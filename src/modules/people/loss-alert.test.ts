import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { apiKeyClient, seedWorkspace, signedInAs } from '../workspace/workspace.testing.js';

const corpId = 'wwLossAlertCorp';
const minute = 60_000;

/** Contact events published directly (as the callback receivers do), out of order at will. */
describe('contact events out of order, duplicates, and the loss alerts API', () => {
  let t: TestApp;
  let workspaceId: string;
  let n = 0;
  const base = Date.UTC(2026, 10, 1);
  beforeAll(async () => {
    t = await createTestApp();
    workspaceId = (await seedWorkspace(t)).id;
  });
  afterAll(() => t.close());

  const publish = async (type: DomainEvent['type'], at: number, data: Record<string, unknown>) => {
    const event = { type, dedupKey: `test-${++n}`, occurredAt: base + at, data } as DomainEvent;
    await t.database.db.transaction().execute((trx) => t.bus.publish(trx, workspaceId, [event]));
    await t.jobs.drain();
  };
  const contact = (employee: string, external: string) => ({
    corpId,
    employeeUserId: employee,
    externalUserId: external,
  });
  const follow = (employee: string, external: string) =>
    t.database.db
      .selectFrom('follow')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('employee_user_id', '=', employee)
      .where('external_user_id', '=', external)
      .executeTakeFirstOrThrow();
  const alertsOf = async (followId: string) =>
    t.database.db.selectFrom('loss_alert').selectAll().where('follow_id', '=', followId).execute();

  it('ignores a removal older than the current add, and duplicates of either', async () => {
    const c = contact('li', 'wmOrder1');
    await publish('contact.added', 10 * minute, { ...c, half: false, state: 'fair' });
    await publish('contact.removed_by_customer', 5 * minute, c); // late: before the add
    await publish('contact.added', 10 * minute, { ...c, half: false }); // re-delivered
    const f = await follow('li', 'wmOrder1');
    expect(f).toMatchObject({ status: 'active', added_at: base + 10 * minute, state: 'fair' });
    expect(await alertsOf(f.id)).toEqual([]);

    await publish('contact.removed_by_customer', 20 * minute, c);
    await publish('contact.removed_by_customer', 20 * minute, c); // re-delivered
    expect(await follow('li', 'wmOrder1')).toMatchObject({
      status: 'removed_by_customer',
      removed_at: base + 20 * minute,
    });
    expect(await alertsOf(f.id)).toHaveLength(1);
    const events = await t.database.db
      .selectFrom('person_event')
      .select('type')
      .where('person_id', '=', f.person_id)
      .orderBy('occurred_at')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'contact.removed_by_customer',
      'contact.added',
      'contact.added',
      'contact.removed_by_customer',
      'contact.removed_by_customer',
    ]);
  });

  it('a re-add after a removal re-activates, even when the removal arrives first', async () => {
    const c = contact('li', 'wmOrder2');
    await publish('contact.removed_by_employee', 30 * minute, { ...c, source: 'transfer' });
    expect(await follow('li', 'wmOrder2')).toMatchObject({ status: 'removed_by_employee' });
    await publish('contact.added', 10 * minute, { ...c, half: false }); // the older add, late
    expect(await follow('li', 'wmOrder2')).toMatchObject({ status: 'removed_by_employee' });
    await publish('contact.added', 40 * minute, { ...c, half: false });
    const f = await follow('li', 'wmOrder2');
    expect(f).toMatchObject({ status: 'active', removed_at: null, added_at: base + 40 * minute });
    const person = await t.database.db
      .selectFrom('person')
      .select('added_at')
      .where('id', '=', f.person_id)
      .executeTakeFirstOrThrow();
    expect(person.added_at).toBe(base + 40 * minute);
  });

  it('lists loss alerts newest first with keyset pages, scoped to the caller’s employees', async () => {
    for (const [i, employee] of ['wang', 'wang', 'zhao'].entries()) {
      const c = contact(employee, `wmLost${i}`);
      await publish('contact.added', i * minute, { ...c, half: false });
      await publish('contact.removed_by_customer', 100 * minute + i * minute, c);
    }
    const owner = await signedInAs(t, 'owner');
    const url = '/api/workspaces/default/loss-alerts';
    const first = await owner.inject({ method: 'GET', url: `${url}?status=open&limit=2` });
    expect(first.statusCode).toBe(200);
    const page1 = first.json<{
      items: { employeeUserId: string; occurredAt: string; id: string }[];
      nextCursor: string;
    }>();
    expect(page1.items.map((a) => a.employeeUserId)).toEqual(['zhao', 'wang']);
    const second = await owner.inject({
      method: 'GET',
      url: `${url}?status=open&limit=2&cursor=${page1.nextCursor}`,
    });
    const page2 = second.json<{ items: { employeeUserId: string; occurredAt: string }[] }>();
    expect(page2.items.map((a) => a.employeeUserId)).toEqual(['wang', 'li']);
    const garbage = await owner.inject({ method: 'GET', url: `${url}?cursor=garbage` });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({
      error: { details: [{ path: 'querystring/cursor' }] },
    });
    const wang = await owner.inject({ method: 'GET', url: `${url}?employeeUserId=wang` });
    expect(wang.json<{ items: unknown[] }>().items).toHaveLength(2);

    // A sales user sees the alerts of the employee linked to them only.
    const sales = await signedInAs(t, 'sales');
    const now = t.clock.now();
    await t.database.db
      .insertInto('employee')
      .values({
        id: `emp-${now}`,
        workspace_id: workspaceId,
        corp_id: corpId,
        user_id: 'zhao',
        name: 'Zhao',
        position: null,
        avatar_url: null,
        mobile_sealed: null,
        email: null,
        gender: null,
        main_department_id: null,
        department_ids: '[]',
        status: 'active',
        customer_contact: 1,
        user_account_id: sales.user.id,
        synced_at: now,
        created_at: now,
        updated_at: now,
        resigned_at: null,
      })
      .execute();
    const own = await sales.inject({ method: 'GET', url });
    const ownItems = own.json<{ items: { id: string; employeeUserId: string }[] }>().items;
    expect(ownItems.map((a) => a.employeeUserId)).toEqual(['zhao']);
    // The employee's name comes from the directory; one it does not know has none.
    expect(own.json<{ items: unknown[] }>().items).toMatchObject([{ employeeName: 'Zhao' }]);
    const all = await owner.inject({ method: 'GET', url: `${url}?status=open` });
    expect(
      all.json<{ items: { employeeUserId: string; employeeName: string | null }[] }>().items,
    ).toMatchObject([
      { employeeUserId: 'zhao', employeeName: 'Zhao' },
      { employeeUserId: 'wang', employeeName: null },
      { employeeUserId: 'wang', employeeName: null },
      { employeeUserId: 'li', employeeName: null },
    ]);
    const key = await apiKeyClient(t, 'agent');
    expect((await key.inject({ method: 'GET', url })).json<{ items: unknown[] }>().items).toEqual(
      [],
    );

    const wangAlert = page1.items[1]!;
    const denied = await sales.inject({ method: 'POST', url: `${url}/${wangAlert.id}/handle` });
    expect(denied.statusCode).toBe(404);
    const handled = await sales.inject({ method: 'POST', url: `${url}/${ownItems[0]!.id}/handle` });
    expect(handled.statusCode).toBe(200);
    expect(handled.json()).toMatchObject({
      status: 'handled',
      handledBy: sales.user.email,
      employeeName: 'Zhao',
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'loss_alert.handled')
      .execute();
    expect(audit).toEqual([{ action: 'loss_alert.handled', entity_id: ownItems[0]!.id }]);
    const open = await owner.inject({ method: 'GET', url: `${url}?status=handled` });
    expect(open.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([
      ownItems[0]!.id,
    ]);
  });

  it('erasure anonymizes follows, keeps loss alerts, and a returning customer is new', async () => {
    const c = contact('sun', 'wmErased');
    await publish('contact.added', minute, { ...c, half: false });
    await publish('contact.removed_by_customer', 2 * minute, c);
    const before = await follow('sun', 'wmErased');
    await t.database.db
      .updateTable('follow')
      .set({ remark: 'Mr. Erased', description: 'likes tea' })
      .where('id', '=', before.id)
      .execute();
    const owner = await signedInAs(t, 'owner');
    const erased = await owner.inject({
      method: 'POST',
      url: `/api/workspaces/default/customers/${before.person_id}/erase`,
      payload: { reason: 'Data subject request' },
    });
    expect(erased.statusCode).toBe(200);
    const after = await t.database.db
      .selectFrom('follow')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      remark: null,
      description: null,
      external_user_id: `erased:${before.id}`,
      status: 'removed_by_customer',
    });
    expect(await alertsOf(before.id)).toHaveLength(1);
    await publish('contact.added', 3 * minute, { ...c, half: false });
    const again = await follow('sun', 'wmErased');
    expect(again.id).not.toBe(before.id);
    expect(again.person_id).not.toBe(before.person_id);
  });
});
