import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';

interface SandboxCustomer {
  id: string;
  nickname: string;
  unionid: string;
}

describe('WeCom contact events → follows, persons, loss alerts (through the sandbox)', () => {
  let t: SandboxedTestApp;
  let customers: SandboxCustomer[];
  let employees: string[];
  beforeAll(async () => {
    t = await createSandboxedTestApp();
    customers = (await t.control('GET', '/sandbox/customers')).json.customers as SandboxCustomer[];
    employees = (
      (await t.control('GET', '/sandbox/employees')).json.employees as { userid: string }[]
    ).map((e) => e.userid);
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const followsOf = (externalUserId: string) =>
    db()
      .selectFrom('follow')
      .selectAll()
      .where('workspace_id', '=', t.workspace.id)
      .where('external_user_id', '=', externalUserId)
      .orderBy('employee_user_id')
      .execute();
  const identitiesOf = async (personId: string) =>
    (
      await db()
        .selectFrom('identity')
        .select(['kind', 'value'])
        .where('workspace_id', '=', t.workspace.id)
        .where('person_id', '=', personId)
        .orderBy('kind')
        .execute()
    ).map((r) => `${r.kind}:${r.value}`);
  const person = (id: string) =>
    db().selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const addContact = async (customer: string, userid: string) => {
    const res = await t.control('POST', `/sandbox/customers/${customer}/add-contact`, { userid });
    expect(res.status).toBe(200);
    await t.settle();
    return res.json.externalUserid as string;
  };

  it('a customer adding an employee makes a follow and a person with unionid, name and avatar', async () => {
    const customer = customers[0]!;
    const external = await addContact(customer.id, employees[0]!);
    const [follow] = await followsOf(external);
    expect(follow).toMatchObject({
      employee_user_id: employees[0],
      status: 'active',
      removed_at: null,
    });
    const p = await person(follow!.person_id);
    expect(p.display_name).toBe(customer.nickname);
    expect(p.avatar_url).toMatch(/^https?:/);
    expect(p.added_at).toBe(follow!.added_at);
    expect(await identitiesOf(p.id)).toEqual([
      `unionid:${customer.unionid}`,
      `wecom_external_userid:${external}`,
    ]);
    const events = await db()
      .selectFrom('person_event')
      .select(['type', 'source'])
      .where('person_id', '=', p.id)
      .execute();
    expect(events).toEqual([{ type: 'contact.added', source: 'wecom' }]);
  });

  it('a customer deleting the employee raises a loss alert and messages the employee', async () => {
    const customer = customers[1]!;
    const employee = employees[0]!;
    const external = await addContact(customer.id, employee);
    const res = await t.control('POST', `/sandbox/customers/${customer.id}/delete-employee`, {
      userid: employee,
    });
    expect(res.status).toBe(200);
    await t.settle();
    const [follow] = await followsOf(external);
    expect(follow).toMatchObject({ status: 'removed_by_customer' });
    expect(follow!.removed_at).not.toBeNull();
    const alerts = await db()
      .selectFrom('loss_alert')
      .selectAll()
      .where('follow_id', '=', follow!.id)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', employee_user_id: employee });
    const messages = (await t.control('GET', `/sandbox/employees/${employee}/messages`)).json
      .messages as unknown[];
    expect(JSON.stringify(messages)).toContain(
      `客户「${customer.nickname}」已将你删除（流失提醒）`,
    );
  });
});
