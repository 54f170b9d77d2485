import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { apiKeyClient, signedInAs } from './workspace.testing.js';

describe('CSRF and API keys', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('rejects cookie-authenticated unsafe requests without the right x-csrf-token', async () => {
    const admin = await signedInAs(t, 'admin');
    const rename = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/workspaces/default',
        payload: { name: 'Renamed' },
        headers: { cookie: admin.cookie, ...headers },
      });
    for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': '' }] as Record<
      string,
      string
    >[]) {
      const res = await rename(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: admin.cookie },
    });
    expect(logout.statusCode).toBe(403);
    const workspace = await t.database.db
      .selectFrom('workspace')
      .select('name')
      .where('slug', '=', 'default')
      .executeTakeFirstOrThrow();
    expect(workspace.name).toBe('Default workspace');

    const ok = await rename({ 'x-csrf-token': admin.csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Renamed');
    // Safe methods need no token.
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/workspaces/default',
      headers: { cookie: admin.cookie },
    });
    expect(read.statusCode).toBe(200);
  });

  it('a token of another session does not pass', async () => {
    const a = await signedInAs(t, 'admin');
    const b = await signedInAs(t, 'admin');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspaces/default',
      payload: { name: 'X' },
      headers: { cookie: a.cookie, 'x-csrf-token': b.csrfToken },
    });
    expect(res.statusCode).toBe(403);
  });

  it('creates a key shown once, which authenticates without CSRF until revoked', async () => {
    const admin = await signedInAs(t, 'admin');
    const created = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/api-keys',
      payload: { name: 'CRM sync', role: 'operator' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: 'CRM sync',
      prefix: expect.stringMatching(/^[0-9a-f]{12}$/),
      role: 'operator',
      createdBy: admin.user.id,
      createdAt: new Date(t.clock.now()).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(/^siyu_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/),
    });
    expect(body.key.startsWith(`siyu_${body.prefix}_`)).toBe(true);
    const stored = await t.database.db.selectFrom('api_key').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(body.key.split('_')[2]);

    const listed = await admin.inject({ method: 'GET', url: '/api/workspaces/default/api-keys' });
    expect(listed.json().items).toEqual([{ ...body, key: undefined }].map(({ key: _, ...k }) => k));

    t.clock.advance(5000);
    const bearer = { authorization: `Bearer ${body.key}` };
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/workspaces/default',
      headers: bearer,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ slug: 'default', role: 'operator' });
    expect(read.json().permissions).toContain('customers.read');
    const mine = await t.app.inject({ method: 'GET', url: '/api/workspaces', headers: bearer });
    expect(mine.json().items).toEqual([
      { id: read.json().id, slug: 'default', name: 'Default workspace', role: 'operator' },
    ]);
    const used = await admin.inject({ method: 'GET', url: '/api/workspaces/default/api-keys' });
    expect(used.json().items[0].lastUsedAt).toBe(new Date(t.clock.now()).toISOString());

    // The key's role bounds it: an operator key cannot manage users.
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/workspaces/default/users',
      headers: bearer,
      payload: { email: 'k@example.com', name: 'K', role: 'agent', password: 'long enough pass' },
    });
    expect(forbidden.statusCode).toBe(403);

    const revoked = await admin.inject({
      method: 'DELETE',
      url: `/api/workspaces/default/api-keys/${body.id}`,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/workspaces/default',
      headers: bearer,
    });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    const list = await admin.inject({ method: 'GET', url: '/api/workspaces/default/api-keys' });
    expect(list.json().items[0].revokedAt).toBe(new Date(t.clock.now()).toISOString());
  });

  it('an admin key writes without CSRF and is audited as the key', async () => {
    const key = await apiKeyClient(t, 'admin');
    const res = await key.inject({
      method: 'PATCH',
      url: '/api/workspaces/default',
      payload: { name: 'By key' },
    });
    expect(res.statusCode).toBe(200);
    const entry = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'workspace.renamed')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_type: 'api_key',
      actor_id: key.id,
      actor_label: 'admin key',
    });
  });

  it('answers 401 for malformed, unknown and tampered keys', async () => {
    const key = await apiKeyClient(t, 'admin');
    const tampered = key.key.slice(0, -1) + (key.key.endsWith('A') ? 'B' : 'A');
    for (const authorization of [
      'Bearer nope',
      'Basic abc',
      `Bearer siyu_000000000000_${'a'.repeat(43)}`,
      `Bearer ${tampered}`,
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/workspaces/default',
        headers: { authorization },
      });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('keeps user-only endpoints away from API keys', async () => {
    const key = await apiKeyClient(t, 'admin');
    const create = await key.inject({
      method: 'POST',
      url: '/api/workspaces',
      payload: { slug: 'by-key', name: 'By key' },
    });
    expect(create.statusCode).toBe(403);
    expect((await key.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(403);
  });

  it('only admins and owners manage keys, and no key can be an owner', async () => {
    const operator = await signedInAs(t, 'operator');
    const res = await operator.inject({ method: 'GET', url: '/api/workspaces/default/api-keys' });
    expect(res.statusCode).toBe(403);
    const admin = await signedInAs(t, 'admin');
    const owner = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/api-keys',
      payload: { name: 'root', role: 'owner' },
    });
    expect(owner.statusCode).toBe(400);
  });
});
