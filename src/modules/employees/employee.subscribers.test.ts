import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../events/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { seedUser, seedWorkspace } from '../workspace/workspace.testing.js';
import { findEmployeeByUserId, listCorpEmployeeRows } from './employee.store.js';

const corpId = 'ww0123456789abcdef';

/** Directory callbacks (as domain events) keep the employee table current. */
describe('employee events', () => {
  let t: TestApp;
  let workspaceId: string;
  let seq = 0;
  const base = Date.UTC(2026, 10, 25, 8, 0, 0);

  beforeEach(async () => {
    t = await createTestApp();
    workspaceId = (await seedWorkspace(t)).id;
  });
  afterEach(() => t.close());

  /** Publishes events as the callback receiver would, then runs the deliveries. */
  async function publish(...events: DomainEvent[]): Promise<void> {
    await t.jobs.transaction((trx) => t.bus.publish(trx, workspaceId, events, { source: 'wecom' }));
    await t.jobs.drain();
  }
  const created = (userId: string, at: number, data: Partial<Record<string, unknown>> = {}) =>
    ({
      type: 'employee.created',
      dedupKey: `e${++seq}`,
      occurredAt: base + at,
      data: { corpId, userId, name: `Name ${userId}`, departmentIds: ['2'], ...data },
    }) as DomainEvent;
  const updated = (userId: string, at: number, data: Partial<Record<string, unknown>>) =>
    ({
      type: 'employee.updated',
      dedupKey: `e${++seq}`,
      occurredAt: base + at,
      data: { corpId, userId, ...data },
    }) as DomainEvent;
  const deleted = (userId: string, at: number) =>
    ({
      type: 'employee.deleted',
      dedupKey: `e${++seq}`,
      occurredAt: base + at,
      data: { corpId, userId },
    }) as DomainEvent;
  const employee = (userId: string) =>
    findEmployeeByUserId(t.database.db, workspaceId, corpId, userId);
  /** Links a new console user to the employee; returns the user's id. */
  async function link(userId: string): Promise<string> {
    const account = await seedUser(t, { role: 'sales' });
    await t.database.db
      .updateTable('employee')
      .set({ user_account_id: account.id })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute();
    return account.id;
  }

  it('creates, updates and resigns an employee', async () => {
    await publish(
      created('lisi', 0, { position: '销售', mobile: '13900001111', gender: 'female' }),
    );
    expect(await employee('lisi')).toMatchObject({
      name: 'Name lisi',
      position: '销售',
      gender: 'female',
      department_ids: '["2"]',
      status: 'active',
      customer_contact: 0,
      updated_at: base,
    });
    expect(t.secretBox.open((await employee('lisi'))!.mobile_sealed!)).toBe('13900001111');

    await publish(updated('lisi', 5000, { position: '销售经理', departmentIds: ['2', '3'] }));
    expect(await employee('lisi')).toMatchObject({
      name: 'Name lisi',
      position: '销售经理',
      department_ids: '["2","3"]',
      updated_at: base + 5000,
    });

    await publish(deleted('lisi', 9000));
    expect(await employee('lisi')).toMatchObject({
      status: 'resigned',
      resigned_at: base + 9000,
      name: 'Name lisi',
    });
  });

  it('applies a duplicate once and ignores events older than the last change', async () => {
    const create = created('wangwu', 0);
    await publish(create, { ...create, dedupKey: 'another delivery' });
    await publish(updated('wangwu', 10_000, { name: '王五' }));
    // Late arrivals from before the rename: ignored.
    await publish(updated('wangwu', 4000, { name: 'Old name', position: 'Old' }));
    await publish(created('wangwu', 2000, { name: 'Older' }));
    expect(await employee('wangwu')).toMatchObject({
      name: '王五',
      position: null,
      updated_at: base + 10_000,
    });
    expect(await listCorpEmployeeRows(t.database.db, workspaceId, corpId)).toHaveLength(1);
  });

  it('keeps a delete that arrives before its create', async () => {
    await publish(deleted('zhaoliu', 8000));
    expect(await employee('zhaoliu')).toMatchObject({ status: 'resigned', name: 'zhaoliu' });
    await publish(created('zhaoliu', 1000));
    expect(await employee('zhaoliu')).toMatchObject({ status: 'resigned' });
    // Re-hired later: active again.
    await publish(created('zhaoliu', 20_000, { name: '赵六' }));
    expect(await employee('zhaoliu')).toMatchObject({
      status: 'active',
      resigned_at: null,
      name: '赵六',
    });
  });

  it('renames the user id and keeps the row (and its console-user link)', async () => {
    await publish(created('old-id', 0));
    const before = (await employee('old-id'))!;
    const accountId = await link('old-id');
    await publish(updated('old-id', 3000, { newUserId: 'new-id', name: 'Renamed' }));
    expect(await employee('old-id')).toBeUndefined();
    expect(await employee('new-id')).toMatchObject({
      id: before.id,
      name: 'Renamed',
      user_account_id: accountId,
    });
  });

  it('resigns the old row when the new user id is known already', async () => {
    await publish(created('a', 0), created('b', 0));
    const accountId = await link('a');
    await publish(updated('a', 3000, { newUserId: 'b', position: 'Lead' }));
    expect(await employee('a')).toMatchObject({ status: 'resigned', user_account_id: null });
    expect(await employee('b')).toMatchObject({
      status: 'active',
      position: 'Lead',
      user_account_id: accountId,
    });
  });
});
