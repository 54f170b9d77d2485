import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { seedUser, signIn, signedInAs, testPassword } from './workspace.testing.js';

describe('workspace users', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const auditActions = async () =>
    (
      await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'before', 'after', 'actor_label'])
        .where('action', 'like', 'user.%')
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((r) => ({
      ...r,
      before: JSON.parse(r.before ?? 'null'),
      after: JSON.parse(r.after ?? 'null'),
    }));

  it('lets an admin list, add, change and remove users, each change audited', async () => {
    const admin = await signedInAs(t, 'admin');
    const before = await auditActions();
    t.clock.advance(1000);

    const created = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/users',
      payload: {
        email: 'Li.Na@Example.com',
        name: 'Li Na',
        role: 'operator',
        password: 'a long password!',
      },
    });
    expect(created.statusCode).toBe(201);
    const member = created.json();
    expect(member).toEqual({
      id: expect.any(String),
      email: 'li.na@example.com',
      name: 'Li Na',
      role: 'operator',
      status: 'active',
      lastLoginAt: null,
      createdAt: new Date(t.clock.now()).toISOString(),
      joinedAt: new Date(t.clock.now()).toISOString(),
    });
    // The new user can sign in with the password the admin set.
    const liNa = await signIn(t, 'li.na@example.com', 'a long password!');
    expect(liNa.info.workspaces.map((w) => [w.slug, w.role])).toEqual([['default', 'operator']]);

    const list = await admin.inject({ method: 'GET', url: '/api/workspaces/default/users' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { email: string }) => u.email)).toEqual([
      admin.user.email,
      'li.na@example.com',
    ]);
    expect(list.json().items[1].lastLoginAt).toBe(new Date(t.clock.now()).toISOString());

    t.clock.advance(1000);
    const patched = await admin.inject({
      method: 'PATCH',
      url: `/api/workspaces/default/users/${member.id}`,
      payload: { role: 'sales', name: 'Li Na (Sales)' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      role: 'sales',
      name: 'Li Na (Sales)',
      status: 'active',
    });

    t.clock.advance(1000);
    const disabled = await admin.inject({
      method: 'PATCH',
      url: `/api/workspaces/default/users/${member.id}`,
      payload: { status: 'disabled' },
    });
    expect(disabled.json().status).toBe('disabled');
    // A disabled member no longer enters the workspace.
    const denied = await liNa.inject({ method: 'GET', url: '/api/workspaces/default' });
    expect(denied.statusCode).toBe(404);

    t.clock.advance(1000);
    const removed = await admin.inject({
      method: 'DELETE',
      url: `/api/workspaces/default/users/${member.id}`,
    });
    expect(removed.statusCode).toBe(204);
    const after = await admin.inject({ method: 'GET', url: '/api/workspaces/default/users' });
    expect(after.json().items).toHaveLength(1);

    const entries = (await auditActions()).slice(before.length);
    expect(entries.map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
      'user.updated',
      'user.removed',
    ]);
    expect(
      entries.every((e) => e.entity_id === member.id && e.actor_label === admin.user.email),
    ).toBe(true);
    expect(entries[0]!.before).toBeNull();
    expect(entries[0]!.after).toMatchObject({ email: 'li.na@example.com', role: 'operator' });
    expect(entries[1]!.before).toEqual({ name: 'Li Na', role: 'operator' });
    expect(entries[1]!.after).toEqual({ name: 'Li Na (Sales)', role: 'sales' });
    expect(entries[2]!.before).toEqual({ status: 'active' });
    expect(entries[2]!.after).toEqual({ status: 'disabled' });
    expect(entries[3]!.before).toMatchObject({ email: 'li.na@example.com', role: 'sales' });
    expect(entries[3]!.after).toBeNull();
    // Neither the password nor its hash is ever written to the log.
    const raw = await t.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(raw)).not.toMatch(/a long password|scrypt\$/);
  });

  it('adds an existing account as a member without touching its password; 409 when already in', async () => {
    const admin = await signedInAs(t, 'admin');
    const other = await seedUser(t, {
      role: 'owner',
      workspace: 'acme',
      email: 'wang@example.com',
    });
    const added = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/users',
      payload: {
        email: 'wang@example.com',
        name: 'Ignored',
        role: 'agent',
        password: 'another password',
      },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: other.id, name: other.name, role: 'agent' });
    const wang = await signIn(t, 'wang@example.com', testPassword);
    expect(wang.info.workspaces.map((w) => `${w.slug}:${w.role}`).sort()).toEqual([
      'acme:owner',
      'default:agent',
    ]);

    const again = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/users',
      payload: { email: 'WANG@example.com', name: 'Wang', role: 'agent' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('requires a valid password for a new account and changes nothing otherwise', async () => {
    const admin = await signedInAs(t, 'admin');
    const count = async () =>
      (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    const auditBefore = await count();
    for (const payload of [
      { email: 'new@example.com', name: 'New', role: 'agent' },
      { email: 'new@example.com', name: 'New', role: 'agent', password: 'short' },
      { email: 'not-an-email', name: 'New', role: 'agent', password: 'long enough pass' },
      { email: 'new@example.com', name: 'New', role: 'boss', password: 'long enough pass' },
    ]) {
      const res = await admin.inject({
        method: 'POST',
        url: '/api/workspaces/default/users',
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const users = await t.database.db.selectFrom('user_account').select('email').execute();
    expect(users.map((u) => u.email)).not.toContain('new@example.com');
    expect(await count()).toBe(auditBefore);
  });

  it('answers 404 for a user who is not a member of this workspace', async () => {
    const admin = await signedInAs(t, 'admin');
    const stranger = await seedUser(t, { role: 'owner', workspace: 'elsewhere' });
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await admin.inject({
        method,
        url: `/api/workspaces/default/users/${stranger.id}`,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(res.statusCode).toBe(404);
    }
  });

  describe('permissions by role', () => {
    it('keeps users.manage to owners and admins', async () => {
      const target = await seedUser(t, { role: 'agent' });
      for (const role of ['operator', 'sales', 'agent'] as const) {
        const client = await signedInAs(t, role);
        const create = await client.inject({
          method: 'POST',
          url: '/api/workspaces/default/users',
          payload: {
            email: `x-${role}@example.com`,
            name: 'X',
            role: 'agent',
            password: 'long enough pass',
          },
        });
        expect(create.statusCode).toBe(403);
        expect(create.json().error).toMatchObject({
          code: 'forbidden',
          details: { permission: 'users.manage' },
        });
        const patch = await client.inject({
          method: 'PATCH',
          url: `/api/workspaces/default/users/${target.id}`,
          payload: { role: 'admin' },
        });
        expect(patch.statusCode).toBe(403);
        const remove = await client.inject({
          method: 'DELETE',
          url: `/api/workspaces/default/users/${target.id}`,
        });
        expect(remove.statusCode).toBe(403);
      }
    });

    it('answers 403 before validating the body', async () => {
      const agent = await signedInAs(t, 'agent');
      const res = await agent.inject({
        method: 'POST',
        url: '/api/workspaces/default/users',
        payload: { nonsense: true },
      });
      expect(res.statusCode).toBe(403);
    });

    it('lets operators read users but not sales or agents', async () => {
      const expected = { operator: 200, sales: 403, agent: 403, admin: 200, owner: 200 } as const;
      for (const [role, status] of Object.entries(expected)) {
        const client = await signedInAs(t, role as keyof typeof expected);
        const res = await client.inject({ method: 'GET', url: '/api/workspaces/default/users' });
        expect(res.statusCode, role).toBe(status);
      }
    });
  });

  describe('owners', () => {
    it('lets only owners grant or change the owner role', async () => {
      const admin = await signedInAs(t, 'admin');
      const owner = await seedUser(t, { role: 'owner' });
      const agent = await seedUser(t, { role: 'agent' });
      const grant = await admin.inject({
        method: 'PATCH',
        url: `/api/workspaces/default/users/${agent.id}`,
        payload: { role: 'owner' },
      });
      expect(grant.statusCode).toBe(403);
      const createOwner = await admin.inject({
        method: 'POST',
        url: '/api/workspaces/default/users',
        payload: {
          email: 'o2@example.com',
          name: 'O2',
          role: 'owner',
          password: 'long enough pass',
        },
      });
      expect(createOwner.statusCode).toBe(403);
      const demote = await admin.inject({
        method: 'PATCH',
        url: `/api/workspaces/default/users/${owner.id}`,
        payload: { role: 'agent' },
      });
      expect(demote.statusCode).toBe(403);
      const remove = await admin.inject({
        method: 'DELETE',
        url: `/api/workspaces/default/users/${owner.id}`,
      });
      expect(remove.statusCode).toBe(403);

      const ownerClient = await signIn(t, owner.email);
      const transfer = await ownerClient.inject({
        method: 'PATCH',
        url: `/api/workspaces/default/users/${agent.id}`,
        payload: { role: 'owner' },
      });
      expect(transfer.statusCode).toBe(200);
      expect(transfer.json().role).toBe('owner');
    });

    it('never demotes, disables or removes the last active owner', async () => {
      const owner = await signedInAs(t, 'owner');
      const url = `/api/workspaces/default/users/${owner.user.id}`;
      for (const payload of [{ role: 'admin' }, { status: 'disabled' }]) {
        const res = await owner.inject({ method: 'PATCH', url, payload });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('conflict');
      }
      const removal = await owner.inject({ method: 'DELETE', url });
      expect(removal.statusCode).toBe(409);
      // Renaming the last owner is fine.
      expect(
        (await owner.inject({ method: 'PATCH', url, payload: { name: 'Boss' } })).statusCode,
      ).toBe(200);

      // With a second owner, the first may step down.
      const second = await seedUser(t, { role: 'owner' });
      const stepDown = await owner.inject({ method: 'PATCH', url, payload: { role: 'admin' } });
      expect(stepDown.statusCode).toBe(200);
      const secondClient = await signIn(t, second.email);
      const last = await secondClient.inject({
        method: 'DELETE',
        url: `/api/workspaces/default/users/${second.id}`,
      });
      expect(last.statusCode).toBe(409);
      const owners = await t.database.db
        .selectFrom('membership')
        .select('user_id')
        .where('role', '=', 'owner')
        .execute();
      expect(owners.map((o) => o.user_id)).toEqual([second.id]);
    });
  });
});
