import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/platform/config/config.js';
import { openRuntime, startServer, type Runtime } from '../../../src/runtime.js';
import { createTestDatabase, type TestDatabase } from '../../../src/testing/db.js';

export interface ConsoleServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The server's runtime (database, clock, secret box, bus), to arrange data through services. */
  runtime: Runtime;
  stop(): Promise<void>;
}

/** The URL that opens the test database (a PostgreSQL one pinned to the test's schema). */
function databaseUrl(database: TestDatabase): string {
  if (database.config.dialect === 'sqlite') return database.config.file;
  const url = new URL(database.config.url);
  url.searchParams.set('options', `-c search_path=${database.searchPath}`);
  return url.toString();
}

/**
 * A real Siyu server, booted like `siyu start` (runtime, migrations, first owner), listening
 * on a free port over a fresh test database (SQLite, or PostgreSQL with SIYU_TEST_DATABASE_URL).
 */
export async function startConsoleServer(env: Record<string, string>): Promise<ConsoleServer> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'siyu-browser-'));
  const config = loadConfig({
    SIYU_HOST: '127.0.0.1',
    SIYU_PORT: '0',
    SIYU_DATA_DIR: dataDir,
    SIYU_DATABASE_URL: databaseUrl(database),
    SIYU_SECRET_KEY: 'browser-test-secret-key-0123456789abcdef',
    SIYU_LOG_LEVEL: 'silent',
    SIYU_WORKERS: '0',
    ...env,
  });
  const runtime = await openRuntime(config);
  const server = await startServer(runtime);
  return {
    url: server.url,
    runtime,
    stop: async () => {
      await server.stop();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
