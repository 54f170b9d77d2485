import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { actingAsSystem } from './actor.js';
import { recordAudit } from './audit.js';
import { permissions } from './permissions.js';
import { seedWorkspace, signedInAs } from './workspace.testing.js';

describe('audit log', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('pages newest first with a keyset cursor, entries with equal times included', async () => {
    const owner = await signedInAs(t, 'owner');
    const workspace = await seedWorkspace(t);
    await t.database.db.deleteFrom('audit_log').execute();
    for (let i = 0; i < 7; i++) {
      if (i % 2 === 0) t.clock.advance(1000);
      await recordAudit(t.database.db, {
        ...actingAsSystem(workspace.id, permissions),
        action: `test.step${i}`,
        entityType: 'test',
        entityId: String(i),
        after: { i },
        at: t.clock.now(),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/workspaces/default/audit-log?limit=3${cursor ? `&before=${cursor}` : ''}`;
      const res = await owner.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        items: { action: string; createdAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...body.items.map((e) => e.action));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    // Newest first by time: steps 6 | 4,5 | 2,3 | 0,1 (order within one millisecond by id).
    expect(seen[0]).toBe('test.step6');
    expect(seen.slice(5).sort()).toEqual(['test.step0', 'test.step1']);
  });

  it('rejects a forged cursor and is closed to roles without audit.read', async () => {
    const owner = await signedInAs(t, 'owner');
    const bad = await owner.inject({
      method: 'GET',
      url: '/api/workspaces/default/audit-log?before=garbage',
    });
    expect(bad.statusCode).toBe(400);
    const operator = await signedInAs(t, 'operator');
    const res = await operator.inject({ method: 'GET', url: '/api/workspaces/default/audit-log' });
    expect(res.statusCode).toBe(403);
  });

  it('keeps the request id and IP, and never secrets', async () => {
    const admin = await signedInAs(t, 'admin');
    t.clock.advance(1000);
    const res = await admin.inject({
      method: 'POST',
      url: '/api/workspaces/default/api-keys',
      payload: { name: 'k', role: 'agent' },
      headers: { 'x-request-id': 'req-123' },
      remoteAddress: '192.0.2.7',
    });
    const key = res.json().key as string;
    const log = await admin.inject({
      method: 'GET',
      url: '/api/workspaces/default/audit-log?limit=1',
    });
    const entry = log.json().items[0];
    expect(entry).toMatchObject({
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: res.json().id,
      requestId: 'req-123',
      ip: '192.0.2.7',
      actorLabel: admin.user.email,
    });
    expect(entry.after).toMatchObject({ name: 'k', role: 'agent', prefix: res.json().prefix });
    expect(JSON.stringify(entry)).not.toContain(key);
  });

  it('writes nothing for a failed change', async () => {
    const owner = await signedInAs(t, 'owner');
    const count = async () =>
      (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    const before = await count();
    const failures = [
      {
        method: 'PATCH' as const,
        url: `/api/workspaces/default/users/${owner.user.id}`,
        payload: { role: 'agent' },
      },
      { method: 'DELETE' as const, url: `/api/workspaces/default/users/${owner.user.id}` },
      {
        method: 'POST' as const,
        url: '/api/workspaces',
        payload: { slug: 'default', name: 'dup' },
      },
      {
        method: 'DELETE' as const,
        url: '/api/workspaces/default/api-keys/00000000-0000-7000-8000-000000000000',
      },
    ];
    for (const request of failures) {
      const res = await owner.inject(request);
      expect(res.statusCode, request.url).toBeGreaterThanOrEqual(400);
    }
    expect(await count()).toBe(before);
  });
});
