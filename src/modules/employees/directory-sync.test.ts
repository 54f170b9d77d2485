import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import { syncDirectory } from './directory-sync.service.js';
import { listCorpEmployeeRows } from './employee.store.js';
import type { DirectorySyncContext } from './employees.context.js';
import { listCustomerContactUserIds } from './employee.store.js';

/** The WeCom directory read through the sandbox's real API and callbacks. */
describe('directory sync through the sandbox', () => {
  let t: SandboxedTestApp;
  let ctx: DirectorySyncContext;
  let corpId: string;

  beforeEach(async () => {
    t = await createSandboxedTestApp();
    ctx = { db: t.database.db, clock: t.clock, secretBox: t.secretBox, clients: t.clients };
    corpId = (await t.clients.requireWecom(t.workspace.id)).corpId;
  });
  afterEach(() => t.close());

  const employees = async () =>
    new Map(
      (await listCorpEmployeeRows(t.database.db, t.workspace.id, corpId)).map((row) => [
        row.user_id,
        row,
      ]),
    );

  it('copies departments, members and the customer-contact permission, and is idempotent', async () => {
    const sandbox = (await t.control('GET', '/sandbox/employees')).json as {
      employees: { userid: string; name: string; department: number[]; customerContact: boolean }[];
    };
    const first = await syncDirectory(ctx, t.workspace.id);
    expect(first).toEqual({
      departments: 4,
      employees: sandbox.employees.length,
      created: sandbox.employees.length,
      updated: 0,
      resigned: 0,
    });

    const rows = await employees();
    for (const e of sandbox.employees) {
      const row = rows.get(e.userid)!;
      expect(row.name).toBe(e.name);
      expect(JSON.parse(row.department_ids)).toEqual(e.department.map(String));
      expect(row.main_department_id).toBe(String(e.department[0]));
      expect(row.status).toBe('active');
      expect(row.customer_contact).toBe(e.customerContact ? 1 : 0);
    }
    const zhangwei = rows.get('zhangwei')!;
    expect(zhangwei.position).toBe('销售经理');
    expect(zhangwei.gender).toBe('male');
    expect(zhangwei.mobile_sealed).not.toContain('1390000');
    expect(t.secretBox.open(zhangwei.mobile_sealed!)).toBe('13900000001');
    expect(rows.get('zhaolei')!.customer_contact).toBe(0);
    expect(await listCustomerContactUserIds(t.database.db, t.workspace.id)).toEqual(
      sandbox.employees
        .filter((e) => e.customerContact)
        .map((e) => e.userid)
        .sort(),
    );

    const departments = await t.database.db
      .selectFrom('department')
      .selectAll()
      .where('workspace_id', '=', t.workspace.id)
      .orderBy('department_id')
      .execute();
    expect(departments.map((d) => [d.department_id, d.name, d.parent_id])).toEqual([
      ['1', '示例科技', null],
      ['2', '销售部', '1'],
      ['3', '客服部', '1'],
      ['4', '市场部', '1'],
    ]);

    t.clock.advance(60_000);
    expect(await syncDirectory(ctx, t.workspace.id)).toEqual({ ...first, created: 0 });
    const after = await employees();
    expect(after.get('zhangwei')!.synced_at).toBe(zhangwei.synced_at + 60_000);
    expect(after.get('zhangwei')!.updated_at).toBe(zhangwei.updated_at);
  });

  it('marks an employee who left resigned through the delete_user callback', async () => {
    await syncDirectory(ctx, t.workspace.id);
    const left = await t.control('POST', '/sandbox/employees/liuna/leave', {});
    expect(left.status).toBe(200);
    await t.settle();

    const liuna = (await employees()).get('liuna')!;
    expect(liuna.status).toBe('resigned');
    expect(liuna.resigned_at).not.toBeNull();
    expect(liuna.customer_contact).toBe(0);
    expect(await listCustomerContactUserIds(t.database.db, t.workspace.id)).not.toContain('liuna');
    // A re-sync agrees: nothing left to resign, the row is kept.
    const again = await syncDirectory(ctx, t.workspace.id);
    expect(again.resigned).toBe(0);
    expect(again.employees).toBe((await employees()).size - 1);
  });

  it('marks an employee who left resigned through a re-sync when the callback is late', async () => {
    await syncDirectory(ctx, t.workspace.id);
    await t.control('POST', '/sandbox/employees/wangfang/leave', {});
    await t.sandbox.sandbox.pusher.idle(); // the callback is in, its event not handled yet

    t.clock.advance(1000);
    const counts = await syncDirectory(ctx, t.workspace.id);
    expect(counts).toMatchObject({ created: 0, updated: 0, resigned: 1 });
    const wangfang = (await employees()).get('wangfang')!;
    expect(wangfang).toMatchObject({ status: 'resigned', resigned_at: t.clock.now() });

    await t.jobs.drain(); // the late delete_user changes nothing more
    expect((await employees()).get('wangfang')).toMatchObject({
      status: 'resigned',
      resigned_at: t.clock.now(),
    });
  });

  it('fails with a conflict when the workspace has no WeCom connection', async () => {
    await expect(syncDirectory(ctx, 'no-such-workspace')).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
