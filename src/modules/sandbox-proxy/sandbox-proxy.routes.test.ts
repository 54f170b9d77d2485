import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.js';
import { startSandboxServer, type RunningSandbox } from '../../sandbox/index.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import type { Connection } from '../connections/connection.schemas.js';
import { signedInAs, type SessionClient } from '../workspace/workspace.testing.js';

const api = '/api/workspaces/default';
const credentials = {
  secret: 'sandboxAppSecret-0123456789abcdefghijkl',
  token: 'SandboxToken2026',
  aesKey: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456',
};

describe('sandbox proxy', () => {
  let sandbox: RunningSandbox;
  let corpId: string;
  let oaAppId: string;
  let t: TestApp;
  let owner: SessionClient;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0, logger: createLogger('silent') });
    corpId = Object.keys(sandbox.sandbox.state.corps)[0]!;
    oaAppId = Object.keys(sandbox.sandbox.state.officialAccounts)[0]!;
  });
  afterAll(() => sandbox.close());

  beforeEach(async () => {
    t = await createTestApp();
    owner = await signedInAs(t, 'owner');
  });
  afterEach(() => t.close());

  const connect = async (payload: object) => {
    const res = await owner.inject({ method: 'POST', url: `${api}/connections`, payload });
    expect(res.statusCode).toBe(201);
    return res.json() as Connection;
  };
  const connectWecom = (apiBaseUrl?: string) =>
    connect({ kind: 'wecom', corpId, agentId: 1000002, ...credentials, apiBaseUrl });
  const status = async () => {
    const res = await owner.inject({ method: 'GET', url: `${api}/sandbox` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  describe('outside sandbox mode', () => {
    it('says why, and every forwarding route answers 404 not_found', async () => {
      expect(await status()).toMatchObject({ enabled: false, reason: 'no_wecom_connection' });
      const customers = await owner.inject({ method: 'GET', url: `${api}/sandbox/customers` });
      expect(customers.statusCode).toBe(404);
      expect(customers.json().error).toMatchObject({
        code: 'not_found',
        message: 'This workspace is not in sandbox mode. This workspace has no WeCom connection.',
        details: { reason: 'no_wecom_connection' },
      });
    });

    it('never probes the real WeCom', async () => {
      await connectWecom();
      expect(await status()).toMatchObject({
        enabled: false,
        reason: 'real_platform',
        message: 'The WeCom connection talks to the real WeCom (https://qyapi.weixin.qq.com).',
      });
    });

    it('tells a server that is not a sandbox, and one that is down', async () => {
      const other: Server = createServer((_, res) => res.writeHead(404).end('<html>no</html>'));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const { id } = await connectWecom(url);
      expect(await status()).toMatchObject({
        enabled: false,
        reason: 'not_a_sandbox',
        message: `The WeCom connection's API base URL ${url} does not answer the sandbox control API (GET /sandbox/state answered HTTP 404).`,
      });
      await new Promise((resolve) => other.close(resolve));
      const down = await status();
      expect(down).toMatchObject({ enabled: false, reason: 'not_a_sandbox' });
      expect(down.message).toContain('ECONNREFUSED');

      const patch = { apiBaseUrl: sandbox.url };
      await owner.inject({ method: 'PATCH', url: `${api}/connections/${id}`, payload: patch });
      expect(await status()).toMatchObject({ enabled: true, corpId });
    });

    it('tells a sandbox that does not simulate the corp', async () => {
      await connect({
        kind: 'wecom',
        corpId: 'ww0000000000000000',
        ...credentials,
        apiBaseUrl: sandbox.url,
      });
      expect(await status()).toMatchObject({ enabled: false, reason: 'corp_not_simulated' });
    });
  });

  describe('in sandbox mode', () => {
    beforeEach(() => connectWecom(sandbox.url));

    it('shows the sandbox, its customers and employees', async () => {
      expect(await status()).toEqual({
        enabled: true,
        baseUrl: sandbox.url,
        corpId,
        corpName: '示例科技',
        officialAccountAppId: null,
        callbacks: { wecom: 'none', oa: null },
      });
      const customers = await owner.inject({
        method: 'GET',
        url: `${api}/sandbox/customers?limit=2`,
      });
      expect(customers.statusCode).toBe(200);
      const list = customers.json();
      expect(list.total).toBe(Object.keys(sandbox.sandbox.state.users).length);
      expect(list.customers).toHaveLength(2);
      expect(list.customers[0]).toMatchObject({ id: 'c1', nickname: expect.any(String) });

      const employees = await owner.inject({ method: 'GET', url: `${api}/sandbox/employees` });
      expect(employees.statusCode).toBe(200);
      expect(employees.json().corpid).toBe(corpId);
      expect(employees.json().employees.length).toBe(
        Object.keys(sandbox.sandbox.state.corps[corpId]!.employees).length,
      );
    });

    it('acts as a customer (the corp added by the proxy) and reads what they received', async () => {
      const created = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers`,
        payload: { nickname: '测试客户' },
      });
      expect(created.statusCode).toBe(201);
      const customer = created.json() as { id: string; nickname: string };
      expect(customer.nickname).toBe('测试客户');

      const userid = Object.keys(sandbox.sandbox.state.corps[corpId]!.employees)[0]!;
      const added = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/${customer.id}/add-contact`,
        payload: { userid },
      });
      expect(added.statusCode).toBe(200);
      expect(added.json()).toMatchObject({
        userid,
        deliveries: [
          { event: 'change_external_contact/add_external_contact', status: 'no_receiver' },
        ],
      });
      const after = await owner.inject({
        method: 'GET',
        url: `${api}/sandbox/customers/${customer.id}`,
      });
      expect(after.json().employees).toEqual([{ corpid: corpId, userid }]);

      const messages = await owner.inject({
        method: 'GET',
        url: `${api}/sandbox/customers/${customer.id}/messages`,
      });
      expect(messages.statusCode).toBe(200);
      expect(messages.json()).toEqual({ messages: expect.any(Array) });
    });

    it('validates bodies, and passes the sandbox’s own errors on', async () => {
      const both = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/c1/add-contact`,
        payload: { userid: 'a', configId: 'b' },
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.code).toBe('validation_failed');
      const stray = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/c1/add-contact`,
        payload: { userid: 'a', corpid: 'ww-someone-else' },
      });
      expect(stray.statusCode).toBe(400);

      const missing = await owner.inject({ method: 'GET', url: `${api}/sandbox/customers/c9999` });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.message).toMatch(/^Sandbox: customer c9999 not found/);
    });

    it('lets workspace.read view and needs connections.manage to act', async () => {
      const agent = await signedInAs(t, 'agent');
      const view = await agent.inject({ method: 'GET', url: `${api}/sandbox/customers` });
      expect(view.statusCode).toBe(200);
      const act = await agent.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/c1/kf-message`,
        payload: { text: '你好' },
      });
      expect(act.statusCode).toBe(403);
      expect(act.json().error).toMatchObject({
        code: 'forbidden',
        details: { permission: 'connections.manage' },
      });
      const wire = await agent.inject({ method: 'POST', url: `${api}/sandbox/receivers` });
      expect(wire.statusCode).toBe(403);
    });

    it('wires the sandbox’s callbacks to the workspace, verified, then delivered', async () => {
      const siyu = await t.app.listen({ host: '127.0.0.1', port: 0 });
      const host = new URL(siyu).host;
      const asSeenAt = (options: Parameters<SessionClient['inject']>[0]) =>
        owner.inject({ ...options, headers: { host } });
      await connect({ kind: 'oa', appId: oaAppId, ...credentials, apiBaseUrl: sandbox.url });

      const wired = await asSeenAt({ method: 'POST', url: `${api}/sandbox/receivers` });
      expect(wired.statusCode).toBe(200);
      expect(wired.json()).toEqual({
        receivers: [
          { key: `wecom:${corpId}`, url: `${siyu}/callbacks/default/wecom`, ok: true, error: null },
          {
            key: `oa:${oaAppId}`,
            url: `${siyu}/callbacks/default/oa/${oaAppId}`,
            ok: true,
            error: null,
          },
        ],
      });
      const mode = (await asSeenAt({ method: 'GET', url: `${api}/sandbox` })).json();
      expect(mode).toMatchObject({
        officialAccountAppId: oaAppId,
        callbacks: { wecom: 'here', oa: 'here' },
      });
      const connections = (await owner.inject({ method: 'GET', url: `${api}/connections` })).json()
        .items as Connection[];
      expect(connections.map((c) => c.callbackVerifiedAt)).toEqual([
        expect.any(String),
        expect.any(String),
      ]);

      const userid = Object.keys(sandbox.sandbox.state.corps[corpId]!.employees)[0]!;
      const created = await owner.inject({ method: 'POST', url: `${api}/sandbox/customers` });
      const { id } = created.json() as { id: string };
      const added = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/${id}/add-contact`,
        payload: { userid },
      });
      expect(added.json().deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
      const followed = await owner.inject({
        method: 'POST',
        url: `${api}/sandbox/customers/${id}/follow-oa`,
      });
      expect(followed.statusCode).toBe(200);
      expect(followed.json().deliveries).toMatchObject([{ status: 'delivered' }]);
      const customer = await owner.inject({ method: 'GET', url: `${api}/sandbox/customers/${id}` });
      expect(customer.json().followsOa).toEqual([oaAppId]);

      const stored = await t.database.db.selectFrom('inbound_callback').select('topic').execute();
      expect(stored.map((s) => s.topic)).toEqual(expect.arrayContaining(['contact.added']));
    });
  });
});
