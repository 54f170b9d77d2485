import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from '../../testing/sandboxed-app.js';
import { apiKeyClient } from '../workspace/workspace.testing.js';

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

  it('the same customer following the Official Account stays one person (unionid)', async () => {
    const customer = (await t.control('POST', '/sandbox/customers', { nickname: 'OA Fan' }))
      .json as unknown as SandboxCustomer;
    await addContact(customer.id, employees[1]!);
    const res = await t.control('POST', `/sandbox/customers/${customer.id}/follow-oa`, {});
    expect(res.status).toBe(200);
    await t.settle();
    const [subscription] = await db()
      .selectFrom('oa_subscription')
      .selectAll()
      .where('workspace_id', '=', t.workspace.id)
      .where('openid', '=', res.json.openid as string)
      .execute();
    expect(subscription).toMatchObject({ subscribed: 1, unsubscribed_at: null });
    const [follow] = await followsOf(
      (
        await db()
          .selectFrom('identity')
          .select('value')
          .where('kind', '=', 'wecom_external_userid')
          .where('person_id', '=', subscription!.person_id)
          .executeTakeFirstOrThrow()
      ).value,
    );
    expect(follow!.person_id).toBe(subscription!.person_id);
    expect(await identitiesOf(subscription!.person_id)).toEqual([
      `oa_openid:${String(res.json.openid)}`,
      `unionid:${customer.unionid}`,
      `wecom_external_userid:${follow!.external_user_id}`,
    ]);

    await t.control('POST', `/sandbox/customers/${customer.id}/unfollow-oa`, {});
    await t.settle();
    const after = await db()
      .selectFrom('oa_subscription')
      .selectAll()
      .where('id', '=', subscription!.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ subscribed: 0 });
    expect(after.unsubscribed_at).not.toBeNull();
  });

  it('logs a Mini Program user in with a wx.login code: the same customer, code used once', async () => {
    const customer = customers[0]!;
    const [known] = await db()
      .selectFrom('identity')
      .select('person_id')
      .where('kind', '=', 'unionid')
      .where('value', '=', customer.unionid)
      .execute();
    const opened = await t.control(
      'POST',
      `/sandbox/customers/${customer.id}/open-mini-program`,
      {},
    );
    const { jsCode, openid } = opened.json as { jsCode: string; openid: string };
    const key = await apiKeyClient(t, 'operator');
    const url = '/api/workspaces/default/miniprogram/login';
    const login = await key.inject({ method: 'POST', url, payload: { code: jsCode } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({
      personId: known!.person_id,
      openId: openid,
      unionId: customer.unionid,
      created: false,
    });
    expect(login.body).not.toContain('session');
    const reused = await key.inject({ method: 'POST', url, payload: { code: jsCode } });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toMatchObject({ error: { code: 'invalid_login_code' } });
    const agent = await apiKeyClient(t, 'agent');
    expect((await agent.inject({ method: 'POST', url, payload: { code: 'x' } })).statusCode).toBe(
      403,
    );
  });

  it('a new Mini Program user becomes a new customer', async () => {
    const created = await t.control('POST', '/sandbox/customers', {});
    const id =
      (created.json.customer as { id: string } | undefined)?.id ?? (created.json.id as string);
    const opened = await t.control('POST', `/sandbox/customers/${id}/open-mini-program`, {});
    const key = await apiKeyClient(t, 'operator');
    const login = await key.inject({
      method: 'POST',
      url: '/api/workspaces/default/miniprogram/login',
      payload: { code: opened.json.jsCode },
    });
    expect(login.json()).toMatchObject({ created: true, openId: opened.json.openid });
  });
});
