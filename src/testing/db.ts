import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.js';
import { allMigrations } from '../migrations.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import type { DatabaseConfig } from '../platform/config/config.js';

/** The value of a SQLite `PRAGMA name` on `db`'s connection. */
export async function sqlitePragma(db: Kysely<unknown>, name: string): Promise<unknown> {
  const { rows } = await sql.raw(`PRAGMA ${name}`).execute(db);
  return Object.values(rows[0] as object)[0];
}

/** Tests run on SQLite unless SIYU_TEST_DATABASE_URL names a PostgreSQL database. */
export const testDatabaseUrl = process.env.SIYU_TEST_DATABASE_URL ?? '';
export const testDialect: 'sqlite' | 'postgres' = testDatabaseUrl.startsWith('postgres')
  ? 'postgres'
  : 'sqlite';

export interface TestDatabase extends DatabaseHandle<Database> {
  /** Config that reopens this same database (another process or pool). */
  readonly config: DatabaseConfig;
  readonly searchPath: string | undefined;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a new schema on PostgreSQL.
 * Closing it drops everything it made.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  let config: DatabaseConfig;
  let searchPath: string | undefined;
  let drop: () => Promise<void> = async () => {};
  if (testDialect === 'postgres') {
    searchPath = `test_${suffix}`;
    await withSchemaLock(async (admin) => {
      await admin.query(`CREATE SCHEMA ${searchPath}`);
    });
    config = { dialect: 'postgres', url: testDatabaseUrl };
    drop = () =>
      withSchemaLock(async (client) => {
        await client.query(`DROP SCHEMA IF EXISTS ${searchPath} CASCADE`);
      });
  } else {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'siyu-test-'));
    config = { dialect: 'sqlite', file: path.join(dir, 'siyu.db') };
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  const handle = openDatabase<Database>(config, { searchPath, poolSize: options.poolSize });
  if (options.migrate !== false) {
    // Migrating introspects every schema; a schema dropped meanwhile by a parallel test
    // makes that fail, so drops wait for it (PostgreSQL only).
    const migrate = () => migrateToLatest(handle.db, allMigrations);
    await (testDialect === 'postgres' ? withSchemaLock(migrate) : migrate());
  }
  return {
    ...handle,
    config,
    searchPath,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** Runs `fn` holding a database-wide advisory lock shared by all test processes. */
async function withSchemaLock<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7470201)');
    return await fn(client);
  } finally {
    await client.end();
  }
}
