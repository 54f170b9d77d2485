import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listConnections } from '../modules/connections/connection.service.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import { loadConfig } from '../platform/config/config.js';
import { createLogger } from '../platform/log.js';
import { openRuntime, startServer, type Runtime, type RunningServer } from '../runtime.js';
import type { RunningSandbox } from '../sandbox/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { startBuiltInSandbox } from './sandbox-boot.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `siyu start` with no real connection: the demo works with no accounts. */
describe('built-in sandbox at start', () => {
  let database: TestDatabase;
  let dataDir: string;
  let runtime: Runtime | undefined;
  let server: RunningServer | undefined;
  let sandbox: RunningSandbox | null = null;

  beforeEach(async () => {
    database = await createTestDatabase({ migrate: false });
    dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-sandbox-boot-'));
  });
  afterEach(async () => {
    await sandbox?.close();
    await server?.stop();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function boot(env: Record<string, string>) {
    const config = loadConfig({
      SIYU_DATABASE_URL:
        database.config.dialect === 'sqlite'
          ? database.config.file
          : `${database.config.url}?options=${encodeURIComponent(`-c search_path=${database.searchPath}`)}`,
      SIYU_DATA_DIR: dataDir,
      SIYU_HOST: '127.0.0.1',
      SIYU_PORT: '0',
      SIYU_WORKERS: '0',
      SIYU_LOG_LEVEL: 'silent',
      SIYU_OWNER_EMAIL: 'owner@example.com',
      SIYU_OWNER_PASSWORD: 'correct horse battery',
      ...env,
    });
    runtime = await openRuntime(config, { logger: createLogger('silent') });
    server = await startServer(runtime);
    sandbox = await startBuiltInSandbox(runtime, server.url);
  }

  it('connects the default workspace to the sandbox and receives its callbacks', async () => {
    await boot({ SIYU_SANDBOX_PORT: String(await freePort()) });
    expect(sandbox).not.toBeNull();
    const workspace = (await findWorkspaceBySlug(runtime!.database.db, 'default'))!;
    const ctx = { db: runtime!.database.db, clock: runtime!.clock, secretBox: runtime!.secretBox };
    const connections = await listConnections(ctx, workspace.id);
    expect(connections.map((c) => c.kind).sort()).toEqual(['miniprogram', 'oa', 'wecom']);
    expect(new Set(connections.map((c) => c.api_base_url))).toEqual(new Set([sandbox!.url]));

    const added = await fetch(`${sandbox!.url}/sandbox/customers/c1/add-contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 'zhangwei' }),
    });
    expect(added.status).toBe(200);
    await fetch(`${sandbox!.url}/sandbox/deliveries/wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const received = await runtime!.database.db
      .selectFrom('inbound_callback')
      .select(['topic'])
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(received.map((r) => r.topic)).toContain('contact.added');
    await runtime!.jobs.drain();
    const events = await runtime!.database.db
      .selectFrom('domain_event')
      .select(['type'])
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(events.map((e) => e.type)).toContain('contact.added');
  });

  it('stays off when disabled', async () => {
    await boot({ SIYU_SANDBOX: 'false' });
    expect(sandbox).toBeNull();
  });
});
