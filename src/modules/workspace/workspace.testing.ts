/**
 * Test helpers for every module's route tests: workspaces, users of each role, signed-in
 * clients (cookie + CSRF header) and API-key clients. They go through the real services
 * and the real login endpoint.
 */
import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../testing/app.js';
import { actingAsSystem, systemActor } from './actor.js';
import { createApiKey } from './api-key.service.js';
import { ensureDefaultWorkspace } from './bootstrap.js';
import { addMember } from './member.service.js';
import { permissions, type Role } from './permissions.js';
import type { Member, SessionInfo } from './workspace.schemas.js';
import { createWorkspace } from './workspace.service.js';
import { findWorkspaceBySlug } from './workspace.store.js';
import type { ApiKeyRow, WorkspaceRow } from './workspace.table.js';

export const testPassword = 'correct horse battery staple';

const ctxOf = (t: TestApp) => ({ db: t.database.db, clock: t.clock });

/** The workspace with this slug, created if absent (`default` as on a fresh install). */
export async function seedWorkspace(t: TestApp, slug = 'default'): Promise<WorkspaceRow> {
  if (slug === 'default') return ensureDefaultWorkspace(ctxOf(t));
  const existing = await findWorkspaceBySlug(t.database.db, slug);
  return existing ?? createWorkspace(ctxOf(t), systemActor, { slug, name: `Workspace ${slug}` });
}

/** A user with this role in the workspace (created with `testPassword` when new). */
export async function seedUser(
  t: TestApp,
  options: { role: Role; workspace?: string; email?: string; name?: string },
): Promise<Member> {
  const workspace = await seedWorkspace(t, options.workspace);
  const email = options.email ?? `${options.role}-${randomBytes(4).toString('hex')}@example.com`;
  return addMember(ctxOf(t), actingAsSystem(workspace.id, permissions), {
    email,
    name: options.name ?? `${options.role} user`,
    role: options.role,
    password: testPassword,
  });
}

export interface Client {
  /** Injects a request with this client's credentials (cookie and CSRF header, or bearer key). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface SessionClient extends Client {
  cookie: string;
  csrfToken: string;
  info: SessionInfo;
}

/** Signs in through POST /api/auth/login and returns a client that sends cookie + CSRF. */
export async function signIn(
  t: TestApp,
  email: string,
  password = testPassword,
): Promise<SessionClient> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0]!;
  const info = res.json() as SessionInfo;
  return {
    cookie,
    csrfToken: info.csrfToken,
    info,
    inject: (options) =>
      t.app.inject({
        ...options,
        headers: { cookie, 'x-csrf-token': info.csrfToken, ...options.headers },
      }),
  };
}

/** A new user with this role, signed in. */
export async function signedInAs(
  t: TestApp,
  role: Role,
  workspace = 'default',
): Promise<SessionClient & { user: Member }> {
  const user = await seedUser(t, { role, workspace });
  return { ...(await signIn(t, user.email)), user };
}

/** A new API key of the workspace with this role, and a client that sends it. */
export async function apiKeyClient(
  t: TestApp,
  role: ApiKeyRow['role'],
  workspace = 'default',
): Promise<Client & { key: string; id: string }> {
  const ws = await seedWorkspace(t, workspace);
  const created = await createApiKey(ctxOf(t), actingAsSystem(ws.id, permissions), {
    name: `${role} key`,
    role,
  });
  return {
    key: created.key,
    id: created.id,
    inject: (options) =>
      t.app.inject({
        ...options,
        headers: { authorization: `Bearer ${created.key}`, ...options.headers },
      }),
  };
}
