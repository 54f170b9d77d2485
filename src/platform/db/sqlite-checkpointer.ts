import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../log.js';

export interface CheckpointerOptions {
  /** Path of the SQLite database file (WAL mode). */
  file: string;
  /** How often the WAL is copied back into the database. Default 250 ms. */
  intervalMs?: number;
  logger: Logger;
}

/**
 * The server's own connections then checkpoint only past this many WAL pages (~80 MB): a safety
 * net should the background thread fall behind or die, and under writes that never pause the
 * only way the WAL starts over (SQLite restarts it when a write transaction begins with every
 * frame copied back, which a background copy never achieves while commits keep coming). That
 * checkpoint copies what the thread has not yet copied, on the committing connection.
 */
export const fallbackAutoCheckpointPages = 20_000;
const defaultAutoCheckpointPages = 1000;

// A CommonJS script run by the worker thread: a second connection that checkpoints passively
// (never blocking writers or readers), so the fsyncs of a checkpoint are not paid inside a
// commit on the server's event loop (but see fallbackAutoCheckpointPages).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } finally { db.close(); }
  parentPort.close();
});
`;

export interface SqliteCheckpointer {
  stop(): Promise<void>;
}

/**
 * Moves SQLite's WAL checkpoints off the event loop: in WAL mode with synchronous=NORMAL a
 * commit does not fsync, but every ~1,000 pages the committing connection copies the WAL back
 * into the database and fsyncs both, stalling every request in flight. A worker thread does
 * that instead, every `intervalMs`; the server's connection keeps a far larger threshold.
 */
export async function startSqliteCheckpointer<DB>(
  db: Kysely<DB>,
  options: CheckpointerOptions,
): Promise<SqliteCheckpointer> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { driver, file: options.file, intervalMs: options.intervalMs ?? 250 },
  });
  let exited = false;
  let stopping = false;
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.logger.warn({ err: message.error }, 'WAL checkpoint failed');
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'WAL checkpointer failed'));
  worker.once('exit', () => {
    exited = true;
    if (stopping) return;
    options.logger.error('WAL checkpointer stopped; commits checkpoint again');
    sql
      .raw(`PRAGMA wal_autocheckpoint = ${defaultAutoCheckpointPages}`)
      .execute(db)
      .catch(() => undefined);
  });
  worker.unref();
  await sql.raw(`PRAGMA wal_autocheckpoint = ${fallbackAutoCheckpointPages}`).execute(db);
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        // Unreferenced so far (it never keeps the process alive); now the caller waits for it.
        worker.ref();
        worker.postMessage('stop');
      })),
  };
}
