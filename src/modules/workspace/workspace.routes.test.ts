import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { rolePermissions } from './permissions.js';
import { signIn, signedInAs } from './workspace.testing.js';

describe('workspace routes', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('lets any user create a workspace and become its owner', async () => {
    const agent = await signedInAs(t, 'agent');
    t.clock.advance(1000);
    const res = await agent.inject({
      method: 'POST',
      url: '/api/workspaces',
      payload: { slug: 'shanghai-store', name: '上海门店' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      slug: 'shanghai-store',
      name: '上海门店',
      role: 'owner',
    });

    const list = await agent.inject({ method: 'GET', url: '/api/workspaces' });
    expect(
      list.json().items.map((w: { slug: string; role: string }) => `${w.slug}:${w.role}`),
    ).toEqual(['default:agent', 'shanghai-store:owner']);
    const detail = await agent.inject({ method: 'GET', url: '/api/workspaces/shanghai-store' });
    expect(detail.json()).toEqual({ ...created, permissions: [...rolePermissions.owner] });

    const audit = await agent.inject({
      method: 'GET',
      url: '/api/workspaces/shanghai-store/audit-log',
    });
    expect(audit.json().items).toMatchObject([
      {
        action: 'workspace.created',
        actorType: 'user',
        actorId: agent.user.id,
        before: null,
        after: { slug: 'shanghai-store', name: '上海门店' },
      },
    ]);
    // The session's /me lists the new workspace too.
    expect((await signIn(t, agent.user.email)).info.workspaces).toHaveLength(2);
  });

  it('validates slugs and refuses a taken one with 409', async () => {
    const user = await signedInAs(t, 'agent');
    for (const slug of ['A', 'a', '-abc', 'has space', 'x'.repeat(40), 'ünï']) {
      const res = await user.inject({
        method: 'POST',
        url: '/api/workspaces',
        payload: { slug, name: 'X' },
      });
      expect(res.statusCode, slug).toBe(400);
    }
    const taken = await user.inject({
      method: 'POST',
      url: '/api/workspaces',
      payload: { slug: 'default', name: 'Again' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('conflict');
    expect(await t.database.db.selectFrom('workspace').select('id').execute()).toHaveLength(1);
  });

  it('shows the role and permissions, and keeps renaming to workspace.manage', async () => {
    const sales = await signedInAs(t, 'sales');
    const detail = await sales.inject({ method: 'GET', url: '/api/workspaces/default' });
    expect(detail.json()).toMatchObject({
      slug: 'default',
      role: 'sales',
      permissions: [...rolePermissions.sales],
    });
    const rename = await sales.inject({
      method: 'PATCH',
      url: '/api/workspaces/default',
      payload: { name: 'X' },
    });
    expect(rename.statusCode).toBe(403);

    const owner = await signedInAs(t, 'owner');
    t.clock.advance(1000);
    const ok = await owner.inject({
      method: 'PATCH',
      url: '/api/workspaces/default',
      payload: { name: '总部' },
    });
    expect(ok.json()).toMatchObject({ name: '总部', role: 'owner' });
    const log = await owner.inject({
      method: 'GET',
      url: '/api/workspaces/default/audit-log?limit=1',
    });
    expect(log.json().items[0]).toMatchObject({
      action: 'workspace.renamed',
      before: { name: 'Default workspace' },
      after: { name: '总部' },
    });
  });

  it('lists the roles and their permissions', async () => {
    const agent = await signedInAs(t, 'agent');
    const res = await agent.inject({ method: 'GET', url: '/api/workspaces/default/roles' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { role: string; permissions: string[] }[];
    expect(items.map((i) => i.role)).toEqual(['owner', 'admin', 'operator', 'sales', 'agent']);
    expect(items[0]!.permissions).toContain('owners.manage');
    expect(items[1]!.permissions).not.toContain('owners.manage');
    expect(items[4]!.permissions).toEqual(['workspace.read', 'customers.read', 'inbox.reply']);
  });

  it('answers 401 without credentials', async () => {
    for (const url of [
      '/api/workspaces',
      '/api/workspaces/default',
      '/api/workspaces/default/users',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });
});
