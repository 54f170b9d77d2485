import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlitePragma, testDatabaseUrl, testDialect } from '../../testing/db.js';
import { openDatabase, type DatabaseHandle } from './database.js';

// SQLite only: PostgreSQL's transactions wait for row locks, they never fail an upgrade.
describe('SQLite transactions beside another connection', () => {
  let dir: string;
  let database: DatabaseHandle<unknown> | undefined;

  afterEach(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('write after reading even when another connection committed in between', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-immediate-'));
    const file = path.join(dir, 'siyu.db');
    database = openDatabase({ dialect: 'sqlite', file });
    const { db } = database;
    await sql`create table t (id integer primary key, n integer not null)`.execute(db);
    await sql`insert into t (id, n) values (1, 0)`.execute(db);

    // The other connection lives on another thread, as the callback thread's does.
    const other = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require('better-sqlite3'))(workerData);
       db.pragma('busy_timeout = 5000');
       parentPort.postMessage('ready');
       parentPort.on('message', () => {
         try { db.prepare('insert into t (id, n) values (2, 0)').run(); parentPort.postMessage('ok'); }
         catch (error) { parentPort.postMessage(String(error)); }
       });`,
      { eval: true, workerData: file },
    );
    try {
      await once(other, 'message');
      // The other connection writes while this transaction sits between its read and its
      // write. A deferred transaction then fails its write ("database is locked", at once);
      // an immediate one holds the write lock, so the other connection waits for its commit.
      let otherWrote: Promise<unknown> | undefined;
      await db.transaction().execute(async (trx) => {
        const before = await sql<{ n: number }>`select n from t where id = 1`.execute(trx);
        otherWrote = once(other, 'message');
        other.postMessage('write');
        await new Promise((resolve) => setTimeout(resolve, 50));
        await sql`update t set n = ${before.rows[0]!.n + 1} where id = 1`.execute(trx);
      });
      expect(await otherWrote).toEqual(['ok']);
      const rows = await sql<{ id: number; n: number }>`select id, n from t order by id`.execute(
        db,
      );
      expect(rows.rows).toEqual([
        { id: 1, n: 1 },
        { id: 2, n: 0 },
      ]);
    } finally {
      await other.terminate();
    }
  });
});

describe('SQLite connection settings', () => {
  it('keep statement journals in memory, with WAL, foreign keys and normal sync', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-settings-'));
    const database = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'siyu.db') });
    try {
      const pragma = (name: string) => sqlitePragma(database.db, name);
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('temp_store')).toBe(2); // MEMORY
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(testDialect === 'postgres')('statements marked prepared (PostgreSQL)', () => {
  it('run as one named prepared statement per connection', async () => {
    const database = openDatabase({ dialect: 'postgres', url: testDatabaseUrl }, { poolSize: 1 });
    try {
      const double = (n: number) =>
        sql<{ n: number }>`/* prepared:siyu_test_double */ select ${n}::int * 2 as n`.execute(
          database.db,
        );
      expect((await double(2)).rows).toEqual([{ n: 4 }]);
      expect((await double(5)).rows).toEqual([{ n: 10 }]);
      // Not a marker (the name must be lowercase letters, digits and _): runs unnamed.
      await sql`/* prepared:Not A Name */ select 1`.execute(database.db);
      const { rows } = await sql<{
        name: string;
      }>`select name from pg_prepared_statements`.execute(database.db);
      expect(rows).toEqual([{ name: 'siyu_test_double' }]);
    } finally {
      await database.close();
    }
  });
});
