import { describe, expect, it } from 'vitest';
import { seedUser } from '../workspace/workspace.testing.js';
import { eventBase, testCorpId, useDirectoryEvents } from './directory-events.testing.js';
import { findEmployeeByUserId, listCorpEmployeeRows } from './employee.store.js';

/** Directory callbacks (as domain events) keep the employee table current. */
describe('employee events', () => {
  const h = useDirectoryEvents();
  const created = (userId: string, at: number, data: Partial<Record<string, unknown>> = {}) =>
    h.event('employee.created', at, {
      userId,
      name: `Name ${userId}`,
      departmentIds: ['2'],
      ...data,
    });
  const updated = (userId: string, at: number, data: Partial<Record<string, unknown>>) =>
    h.event('employee.updated', at, { userId, ...data });
  const deleted = (userId: string, at: number) => h.event('employee.deleted', at, { userId });
  const employee = (userId: string) =>
    findEmployeeByUserId(h.t.database.db, h.workspaceId, testCorpId, userId);
  /** Links a new console user to the employee; returns the user's id. */
  async function link(userId: string): Promise<string> {
    const account = await seedUser(h.t, { role: 'sales' });
    await h.t.database.db
      .updateTable('employee')
      .set({ user_account_id: account.id })
      .where('workspace_id', '=', h.workspaceId)
      .where('user_id', '=', userId)
      .execute();
    return account.id;
  }

  it('creates, updates and resigns an employee', async () => {
    await h.publish(
      created('lisi', 0, { position: '销售', mobile: '13900001111', gender: 'female' }),
    );
    expect(await employee('lisi')).toMatchObject({
      name: 'Name lisi',
      position: '销售',
      gender: 'female',
      department_ids: '["2"]',
      status: 'active',
      customer_contact: 0,
      updated_at: eventBase,
    });
    expect(h.t.secretBox.open((await employee('lisi'))!.mobile_sealed!)).toBe('13900001111');

    await h.publish(updated('lisi', 5000, { position: '销售经理', departmentIds: ['2', '3'] }));
    expect(await employee('lisi')).toMatchObject({
      name: 'Name lisi',
      position: '销售经理',
      department_ids: '["2","3"]',
      updated_at: eventBase + 5000,
    });

    await h.publish(deleted('lisi', 9000));
    expect(await employee('lisi')).toMatchObject({
      status: 'resigned',
      resigned_at: eventBase + 9000,
      name: 'Name lisi',
    });
  });

  it('applies a duplicate once and ignores events older than the last change', async () => {
    const create = created('wangwu', 0);
    await h.publish(create, { ...create, dedupKey: 'another delivery' });
    await h.publish(updated('wangwu', 10_000, { name: '王五' }));
    // Late arrivals from before the rename: ignored.
    await h.publish(updated('wangwu', 4000, { name: 'Old name', position: 'Old' }));
    await h.publish(created('wangwu', 2000, { name: 'Older' }));
    expect(await employee('wangwu')).toMatchObject({
      name: '王五',
      position: null,
      updated_at: eventBase + 10_000,
    });
    expect(await listCorpEmployeeRows(h.t.database.db, h.workspaceId, testCorpId)).toHaveLength(1);
  });

  it('keeps a delete that arrives before its create', async () => {
    await h.publish(deleted('zhaoliu', 8000));
    expect(await employee('zhaoliu')).toMatchObject({ status: 'resigned', name: 'zhaoliu' });
    await h.publish(created('zhaoliu', 1000));
    expect(await employee('zhaoliu')).toMatchObject({ status: 'resigned' });
    // Re-hired later: active again.
    await h.publish(created('zhaoliu', 20_000, { name: '赵六' }));
    expect(await employee('zhaoliu')).toMatchObject({
      status: 'active',
      resigned_at: null,
      name: '赵六',
    });
  });

  it('renames the user id and keeps the row (and its console-user link)', async () => {
    await h.publish(created('old-id', 0));
    const before = (await employee('old-id'))!;
    const accountId = await link('old-id');
    await h.publish(updated('old-id', 3000, { newUserId: 'new-id', name: 'Renamed' }));
    expect(await employee('old-id')).toBeUndefined();
    expect(await employee('new-id')).toMatchObject({
      id: before.id,
      name: 'Renamed',
      user_account_id: accountId,
    });
  });

  it('resigns the old row when the new user id is known already', async () => {
    await h.publish(created('a', 0), created('b', 0));
    const accountId = await link('a');
    await h.publish(updated('a', 3000, { newUserId: 'b', position: 'Lead' }));
    expect(await employee('a')).toMatchObject({ status: 'resigned', user_account_id: null });
    expect(await employee('b')).toMatchObject({
      status: 'active',
      position: 'Lead',
      user_account_id: accountId,
    });
  });
});
