import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.js';
import { createLogger } from '../../platform/log.js';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { bootstrapWorkspaces, defaultOwnerEmail } from './bootstrap.js';
import { signIn, seedUser } from './workspace.testing.js';

describe('first run', () => {
  let t: TestApp;
  let printed: string[];
  beforeEach(async () => {
    t = await createTestApp();
    printed = [];
  });
  afterEach(() => t.close());

  const boot = (env: Record<string, string> = {}) =>
    bootstrapWorkspaces({ db: t.database.db, clock: t.clock }, loadConfig(env).owner, {
      print: (line) => printed.push(line),
      logger: createLogger('silent'),
    });

  const passwordHashes = async () =>
    (await t.database.db.selectFrom('user_account').select('password_hash').execute()).map(
      (r) => r.password_hash,
    );

  it('creates the default workspace and an owner with a generated password, printed once', async () => {
    await boot();
    const output = printed.join('\n');
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(output).toContain(`email:    ${defaultOwnerEmail}`);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    // Never stored in plaintext, and it signs in as the owner of `default`.
    expect((await passwordHashes()).join()).not.toContain(password);
    const owner = await signIn(t, defaultOwnerEmail, password);
    expect(owner.info.workspaces).toMatchObject([{ slug: 'default', role: 'owner' }]);

    // A restart changes nothing and prints nothing.
    printed = [];
    const before = await passwordHashes();
    await boot();
    await boot({ SIYU_OWNER_EMAIL: 'other@example.com', SIYU_OWNER_PASSWORD: 'another password' });
    expect(printed).toEqual([]);
    expect(await passwordHashes()).toEqual(before);
    expect(await t.database.db.selectFrom('workspace').select('slug').execute()).toEqual([
      { slug: 'default' },
    ]);
    const log = await owner.inject({ method: 'GET', url: '/api/workspaces/default/audit-log' });
    expect(
      log
        .json()
        .items.map((e: { action: string; actorType: string }) => e.action)
        .sort(),
    ).toEqual(['user.created', 'workspace.created']);
    expect(log.json().items.every((e: { actorType: string }) => e.actorType === 'system')).toBe(
      true,
    );
  });

  it('uses the configured owner credentials and prints no password', async () => {
    await boot({
      SIYU_OWNER_EMAIL: 'Boss@Example.com',
      SIYU_OWNER_PASSWORD: 'configured password',
    });
    expect(printed).toEqual([]);
    const owner = await signIn(t, 'boss@example.com', 'configured password');
    expect(owner.info.workspaces).toMatchObject([{ slug: 'default', role: 'owner' }]);
    expect(await t.database.db.selectFrom('user_account').select('email').execute()).toEqual([
      { email: 'boss@example.com' },
    ]);
  });

  it('promotes an existing account with the owner email, keeping its password', async () => {
    const existing = await seedUser(t, { role: 'agent', email: 'boss@example.com' });
    await boot({
      SIYU_OWNER_EMAIL: 'boss@example.com',
      SIYU_OWNER_PASSWORD: 'configured password',
    });
    const owner = await signIn(t, existing.email);
    expect(owner.info.workspaces).toMatchObject([{ slug: 'default', role: 'owner' }]);
    expect(printed).toEqual([]);
  });
});
