import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxedTestApp, type SandboxedTestApp } from './sandboxed-app.js';

describe('createSandboxedTestApp', () => {
  let t: SandboxedTestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('connects the default workspace to a sandbox whose callbacks reach the receivers', async () => {
    t = await createSandboxedTestApp();
    const customers = (await t.control('GET', '/sandbox/customers')).json.customers as {
      id: string;
    }[];
    const employees = (await t.control('GET', '/sandbox/employees')).json.employees as {
      userid: string;
    }[];
    const added = await t.control('POST', `/sandbox/customers/${customers[0]!.id}/add-contact`, {
      userid: employees[0]!.userid,
    });
    expect(added.status).toBe(200);
    await t.settle();
    const stored = await t.database.db
      .selectFrom('inbound_callback')
      .select('topic')
      .where('workspace_id', '=', t.workspace.id)
      .execute();
    expect(stored.map((r) => r.topic)).toContain('contact.added');
    const wecom = await t.clients.requireWecom(t.workspace.id);
    const followers = await wecom.externalContacts.listFollowUsers();
    expect(followers).toContain(employees[0]!.userid);
  });
});
