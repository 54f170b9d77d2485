import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import { applyContactAdded, applyContactRemoved } from '../people/follow.service.js';
import { peopleFixture } from '../people/people.testing.js';
import { signedInAs, type SessionClient } from '../workspace/workspace.testing.js';
import type { DepartmentItem, Employee, EmployeePage } from './employee.schemas.js';

/** The employees API over a workspace connected to the sandbox's demo corp. */
describe('employees API', () => {
  let t: SandboxedTestApp;
  let owner: SessionClient;
  let corpId: string;

  beforeAll(async () => {
    t = await createSandboxedTestApp();
    owner = await signedInAs(t, 'owner');
    corpId = (await t.clients.requireWecom(t.workspace.id)).corpId;
  });
  afterAll(() => t.close());

  const list = async (client: SessionClient, query = '') => {
    const res = await client.inject({
      method: 'GET',
      url: `/api/workspaces/default/employees${query}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EmployeePage;
  };

  it('syncs on request (connections.manage), audited', async () => {
    const sales = await signedInAs(t, 'sales');
    const denied = await sales.inject({
      method: 'POST',
      url: '/api/workspaces/default/employees/sync',
    });
    expect(denied.statusCode).toBe(403);

    const res = await owner.inject({
      method: 'POST',
      url: '/api/workspaces/default/employees/sync',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      departments: 4,
      employees: 8,
      created: 8,
      updated: 0,
      resigned: 0,
    });

    expect((await auditEntry('employees.sync'))?.after).toMatchObject({ created: 8 });
  });

  it('lists employees by name for any member, with filters', async () => {
    const agent = await signedInAs(t, 'agent');
    const all = await list(agent, '?limit=200');
    expect(all.items).toHaveLength(8);
    expect(all.nextCursor).toBeNull();
    const zhangwei = all.items.find((e) => e.userId === 'zhangwei')!;
    expect(zhangwei).toMatchObject({
      name: '张伟',
      position: '销售经理',
      status: 'active',
      departmentIds: ['2'],
      mainDepartmentId: '2',
      customerContact: true,
      userAccountId: null,
      customerCount: 0,
    });
    expect(zhangwei.avatarUrl).toMatch(/^https:\/\//);
    expect(Date.parse(zhangwei.syncedAt)).toBe(t.clock.now());

    expect(userIdsOf(await list(agent, '?departmentId=3'))).toEqual([
      'chenjie',
      'lijing',
      'yangyang',
    ]);
    expect(userIdsOf(await list(agent, '?customerContact=false'))).toEqual(['zhaolei']);
    expect(userIdsOf(await list(agent, '?q=ZHANG'))).toEqual(['zhangwei']);
    expect(userIdsOf(await list(agent, '?q=刘'))).toEqual(['liuna']);
    expect(userIdsOf(await list(agent, '?status=resigned'))).toEqual([]);
    expect(userIdsOf(await list(agent, '?q=100%25'))).toEqual([]);

    const bad = await agent.inject({
      method: 'GET',
      url: '/api/workspaces/default/employees?cursor=nonsense',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('pages through every employee once, in the order of the full list', async () => {
    const full = (await list(owner, '?limit=200')).items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: EmployeePage = await list(
        owner,
        `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(full);
  });

  it('counts departments’ members and employees’ active customers', async () => {
    const people = await peopleFixture(t);
    await t.database.db.transaction().execute(async (trx) => {
      let n = 0;
      const fact = (employeeUserId: string, externalUserId: string) => ({
        corpId,
        employeeUserId,
        externalUserId,
        eventId: `evt-${++n}`,
        type: 'contact.added',
        occurredAt: t.clock.now(),
      });
      for (const customer of ['wmA', 'wmB', 'wmC'])
        await applyContactAdded(trx, people.ctx, people.workspaceId, fact('liuna', customer));
      await applyContactAdded(trx, people.ctx, people.workspaceId, fact('wangfang', 'wmA'));
      await applyContactRemoved(
        trx,
        people.ctx,
        people.workspaceId,
        {
          ...fact('liuna', 'wmC'),
          type: 'contact.deleted_by_customer',
          occurredAt: t.clock.now() + 1000,
        },
        'removed_by_customer',
      );
    });
    const counts = Object.fromEntries(
      (await list(owner, '?departmentId=2')).items.map((e) => [e.userId, e.customerCount]),
    );
    expect(counts).toEqual({ zhangwei: 0, liuna: 2, wangfang: 1 });

    await t.control('POST', '/sandbox/employees/huangmin/leave', {});
    await t.settle();
    const res = await owner.inject({ method: 'GET', url: '/api/workspaces/default/departments' });
    expect(res.statusCode).toBe(200);
    const departments = (res.json() as { items: DepartmentItem[] }).items;
    expect(departments.map((d) => [d.departmentId, d.parentId, d.employeeCount])).toEqual([
      ['1', null, 0],
      ['2', '1', 3],
      ['3', '1', 3],
      ['4', '1', 1],
    ]);
    expect(departments[1]).toMatchObject({ name: '销售部', order: 100 });
    expect(userIdsOf(await list(owner, '?status=resigned'))).toEqual(['huangmin']);
  });

  it('links a console user of the workspace to an employee (users.manage), audited', async () => {
    const sales = await signedInAs(t, 'sales');
    const liuna = (await list(owner, '?q=liuna')).items[0]!;
    const link = (client: SessionClient, userAccountId: string | null, id = liuna.id) =>
      client.inject({
        method: 'PATCH',
        url: `/api/workspaces/default/employees/${id}`,
        payload: { userAccountId },
      });

    expect((await link(sales, sales.user.id)).statusCode).toBe(403);
    const res = await link(owner, sales.user.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: liuna.id,
      userAccountId: sales.user.id,
      customerCount: 2,
    });
    expect((await list(owner, '?q=liuna')).items[0]!.userAccountId).toBe(sales.user.id);
    expect(await auditEntry('employee.link')).toMatchObject({
      entityId: liuna.id,
      after: { userAccountId: sales.user.id },
    });

    const outsider = await signedInAs(t, 'sales', 'other-team');
    expect((await link(owner, outsider.user.id)).statusCode).toBe(400);
    const missing = await link(owner, null, '01900000-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);

    const unlinked = await link(owner, null);
    expect((unlinked.json() as Employee).userAccountId).toBeNull();
  });

  /** The newest audit entry with this action. */
  async function auditEntry(action: string) {
    const res = await owner.inject({ method: 'GET', url: '/api/workspaces/default/audit-log' });
    const items = (res.json() as { items: { action: string; entityId: string; after: unknown }[] })
      .items;
    return items.find((e) => e.action === action);
  }
});

const userIdsOf = (page: EmployeePage) => page.items.map((e) => e.userId).sort();
