import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { newId } from '../../platform/ids.js';
import { apiKeyClient, seedUser, signedInAs, type Client } from './workspace.testing.js';

/**
 * Every route under /api/workspaces/{slug}, whichever module registered it, must answer a
 * caller from workspace A with 404 for workspace B, before it looks at the request body.
 * Routes are read from the OpenAPI document, so new modules are covered without edits here.
 */
describe('cross-workspace isolation', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];
  let params: Record<string, string>;
  let memberOfA: Client;
  let keyOfA: Client;
  let ownerOfB: Client;

  beforeAll(async () => {
    t = await createTestApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths)
      .filter(
        ([path]) => path === '/api/workspaces/{slug}' || path.startsWith('/api/workspaces/{slug}/'),
      )
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((method) => ({ method: method.toUpperCase(), path })),
      );
    memberOfA = await signedInAs(t, 'owner', 'team-a');
    keyOfA = await apiKeyClient(t, 'admin', 'team-a');
    const b = await signedInAs(t, 'owner', 'team-b');
    ownerOfB = b;
    const bUser = await seedUser(t, { role: 'agent', workspace: 'team-b' });
    const bKey = await apiKeyClient(t, 'agent', 'team-b');
    // Real ids of B's objects where a parameter names one; random UUIDs for the rest.
    params = { userId: bUser.id, id: bKey.id };
    expect(b.user.id).toBeTruthy();
  });
  afterAll(() => t.close());

  const fill = (path: string, slug: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'slug' ? slug : (params[name] ?? newId()),
    );

  it('finds the workspace-scoped routes of every module', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'GET /api/workspaces/{slug}',
      'PATCH /api/workspaces/{slug}',
      'GET /api/workspaces/{slug}/users',
      'POST /api/workspaces/{slug}/users',
      'PATCH /api/workspaces/{slug}/users/{userId}',
      'DELETE /api/workspaces/{slug}/users/{userId}',
      'GET /api/workspaces/{slug}/roles',
      'GET /api/workspaces/{slug}/api-keys',
      'POST /api/workspaces/{slug}/api-keys',
      'DELETE /api/workspaces/{slug}/api-keys/{id}',
      'GET /api/workspaces/{slug}/audit-log',
    ]) {
      expect(listed).toContain(expected);
    }
  });

  for (const who of ['a user', 'an API key'] as const) {
    it(`answers 404 to ${who} of workspace A on every route of workspace B`, async () => {
      const client = who === 'a user' ? memberOfA : keyOfA;
      const failures: string[] = [];
      for (const route of routes) {
        for (const slug of ['team-b', `missing-${randomUUID().slice(0, 8)}`]) {
          const url = fill(route.path, slug);
          const res = await client.inject({
            method: route.method as 'GET',
            url,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          const body = res.json() as { error?: { code: string; message: string } };
          if (res.statusCode !== 404 || body.error?.message !== 'Workspace not found') {
            failures.push(`${route.method} ${url} → ${res.statusCode} ${res.body}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('lets B’s own owner past the workspace guard on the same routes (the check is real)', async () => {
    for (const route of routes) {
      const res = await ownerOfB.inject({
        method: route.method as 'GET',
        url: fill(route.path, 'team-b'),
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      // Some routes answer with a file (the CSV export): only JSON bodies carry an error.
      const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
      const message = json ? (res.json() as { error?: { message: string } }).error?.message : '';
      expect(message, `${route.method} ${route.path}`).not.toBe('Workspace not found');
    }
  });
});
