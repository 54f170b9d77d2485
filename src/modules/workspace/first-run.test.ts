import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../platform/config/config.js';
import { createLogger } from '../../platform/log.js';
import { openRuntime, startServer } from '../../runtime.js';
import { createTestDatabase, type TestDatabase } from '../../testing/db.js';

/** `siyu start` as a user runs it: the first start creates the owner, restarts do not. */
describe('siyu start on a fresh installation', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeEach(async () => {
    database = await createTestDatabase({ migrate: false });
    dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-first-run-'));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const databaseUrl = () =>
    database.config.dialect === 'sqlite'
      ? database.config.file
      : `${database.config.url}?options=${encodeURIComponent(`-c search_path=${database.searchPath}`)}`;

  async function start(env: Record<string, string> = {}): Promise<string> {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const config = loadConfig({
        SIYU_DATABASE_URL: databaseUrl(),
        SIYU_DATA_DIR: dataDir,
        SIYU_HOST: '127.0.0.1',
        SIYU_PORT: '0',
        SIYU_WORKERS: '0',
        SIYU_LOG_LEVEL: 'silent',
        ...env,
      });
      const runtime = await openRuntime(config, { logger: createLogger('silent') });
      const server = await startServer(runtime);
      const me = await fetch(`${server.url}/api/auth/me`);
      expect(me.status).toBe(401);
      await server.stop();
    } finally {
      spy.mockRestore();
    }
    return written.join('');
  }

  it('prints a generated owner password once, and it signs in', async () => {
    const first = await start();
    const password = /password: (\S+)/.exec(first)?.[1];
    expect(first).toContain('email:    admin@siyu.local');
    expect(password).toHaveLength(20);
    expect(await start()).not.toContain('password');

    const users = await database.db.selectFrom('user_account').selectAll().execute();
    expect(users).toHaveLength(1);
    expect(JSON.stringify(users)).not.toContain(password);
  });

  it('takes the owner from SIYU_OWNER_EMAIL / SIYU_OWNER_PASSWORD', async () => {
    const out = await start({
      SIYU_OWNER_EMAIL: 'owner@example.com',
      SIYU_OWNER_PASSWORD: 'from the environment',
    });
    expect(out).not.toContain('password');
    const users = await database.db.selectFrom('user_account').select('email').execute();
    expect(users).toEqual([{ email: 'owner@example.com' }]);
  });
});
