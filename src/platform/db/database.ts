import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';

export type Dialect = 'sqlite' | 'postgres';

// bigint (int8) columns hold epoch milliseconds and counters, all within Number's safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DatabaseHandle<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: schema put first on the search_path (tests use one schema each). */
  searchPath?: string;
  /** PostgreSQL only: connection pool size. */
  poolSize?: number;
}

const statementCacheSize = 1000;

/**
 * Kysely prepares every query anew; SQLite statements are reusable (SQLite re-prepares them
 * itself after a schema change), so keep the most recent ones by SQL text.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= statementCacheSize) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Transactions take SQLite's write lock when they begin (`BEGIN IMMEDIATE`). Other connections
 * write the same file (the callback thread's inbox, a CLI import beside the server): a deferred
 * transaction that read before another connection committed could not write afterwards
 * ("database is locked", without waiting); an immediate one waits for the lock up front
 * (busy_timeout) and then always can.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Settings every connection to the database file needs (each connection has its own). */
export function tuneSqliteConnection(sqlite: SQLite.Database): void {
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Up to 64 MB of pages kept in memory (SQLite's default is 2 MB): identity lookups and
  // customer lists over a million persons stay off the disk. Grows only as pages are read.
  sqlite.pragma('cache_size = -65536');
  // Statement journals (the undo of one statement that changes many rows inside a transaction,
  // e.g. a batch's last-seen update) stay in memory: by default each one past 64 KB spills to
  // a new temporary file, a write and a block allocation for every page the statement changes.
  sqlite.pragma('temp_store = MEMORY');
}

/**
 * A statement whose text starts with `/* prepared:NAME *\/` runs as the named prepared
 * statement NAME on each pooled PostgreSQL connection: parsed once per connection, and after
 * five runs planned no more when a generic plan costs no more than the custom ones (so for the
 * callback intake). For hot statements of a fixed text. Behind PgBouncer in transaction mode
 * this needs its `max_prepared_statements` setting (PgBouncer 1.21 or later).
 */
const preparedMarker = /^\/\* prepared:([a-z][a-z0-9_]*) \*\//;

/** node-postgres's client; Kysely calls `query(text, values)`, which this names when marked. */
class PreparingClient extends pg.Client {}
const plainQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
PreparingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [text, values] = args;
  const name = args.length === 2 && typeof text === 'string' && preparedMarker.exec(text)?.[1];
  if (name) return plainQuery.call(this, { name, text, values });
  return plainQuery.apply(this, args);
} as pg.Client['query'];

export function openDatabase<DB>(
  config: DatabaseConfig,
  options: OpenOptions = {},
): DatabaseHandle<DB> {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    tuneSqliteConnection(sqlite);
    const db = new Kysely<DB>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString: config.url,
    max: options.poolSize ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** The file of an open SQLite database; undefined for an in-memory or temporary one. */
export async function sqliteFileOf<DB>(db: Kysely<DB>): Promise<string | undefined> {
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db);
  return rows[0]?.file || undefined;
}
