import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlitePragma } from '../../testing/db.js';
import { createLogger } from '../log.js';
import { openDatabase, type DatabaseHandle } from './database.js';
import { startSqliteCheckpointer } from './sqlite-checkpointer.js';

// SQLite only: PostgreSQL has no WAL checkpoints to move.
describe('SQLite background checkpointer', () => {
  let dir: string;
  let database: DatabaseHandle<unknown> | undefined;

  afterEach(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies committed pages into the database file from its own thread, not in commits', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-checkpointer-'));
    const file = path.join(dir, 'siyu.db');
    database = openDatabase({ dialect: 'sqlite', file });
    const { db } = database;
    await sql`create table t (id integer primary key, body text not null)`.execute(db);
    const checkpointer = await startSqliteCheckpointer(db, {
      file,
      intervalMs: 20,
      logger: createLogger('silent'),
    });
    expect(await sqlitePragma(db, 'wal_autocheckpoint')).toBe(20_000);

    const before = fs.statSync(file).size;
    // ~4 MB: past SQLite's default threshold of 1,000 pages, far below the raised one.
    for (let batch = 0; batch < 20; batch++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 50; i++) {
          await sql`insert into t (body) values (${'x'.repeat(4000)})`.execute(trx);
        }
      });
    }
    await expect
      .poll(() => fs.statSync(file).size, { timeout: 5000 })
      .toBeGreaterThan(before + 3_000_000);
    await checkpointer.stop();
    await checkpointer.stop();
    expect(((await sql`select count(*) as n from t`.execute(db)).rows[0] as { n: number }).n).toBe(
      1000,
    );
  });

  it('lets a process that stops it and closes the database exit normally', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-checkpointer-'));
    const script = path.join(dir, 'stop.mts');
    const here = (name: string) => new URL(name, import.meta.url).pathname;
    fs.writeFileSync(
      script,
      [
        `import { openDatabase } from ${JSON.stringify(here('./database.ts'))};`,
        `import { startSqliteCheckpointer } from ${JSON.stringify(here('./sqlite-checkpointer.ts'))};`,
        `import { createLogger } from ${JSON.stringify(here('../log.ts'))};`,
        `const file = ${JSON.stringify(path.join(dir, 'siyu.db'))};`,
        `const handle = openDatabase({ dialect: 'sqlite', file });`,
        `const checkpointer = await startSqliteCheckpointer(handle.db, { file, logger: createLogger('silent') });`,
        `await checkpointer.stop();`,
        `await handle.close();`,
        `console.log('closed');`,
      ].join('\n'),
    );
    // An unreferenced worker awaited at exit used to end the process early (exit code 13).
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('closed');
  });
});
