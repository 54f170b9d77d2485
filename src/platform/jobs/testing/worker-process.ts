/**
 * A worker in its own process, for the crash test: `node --import tsx worker-process.ts '<json>'`.
 * Its handler for "test.effect" writes a start marker, hangs on the attempt the payload names
 * (so the test can SIGKILL it mid-job), and otherwise appends the job id to completed.log.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../../database.js';
import type { DatabaseConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import { JobQueue } from '../job-queue.js';

export interface WorkerProcessOptions {
  database: DatabaseConfig;
  searchPath?: string;
  leaseMs: number;
  dir: string;
}

const options = JSON.parse(process.argv[2]!) as WorkerProcessOptions;
const handle = openDatabase<Database>(options.database, { searchPath: options.searchPath });
const queue = new JobQueue({ db: handle.db, dialect: handle.dialect, leaseMs: options.leaseMs });
queue.registry.register('test.effect', {
  handler: async (payload: { hangOnAttempt?: number }, ctx) => {
    // Written then renamed, so the test never reads a half-written marker.
    const marker = path.join(options.dir, `started-${ctx.id}-${ctx.attempt}`);
    fs.writeFileSync(`${marker}.tmp`, JSON.stringify({ pid: process.pid, at: Date.now() }));
    fs.renameSync(`${marker}.tmp`, marker);
    if (payload.hangOnAttempt === ctx.attempt) await new Promise(() => {});
    fs.appendFileSync(path.join(options.dir, 'completed.log'), `${ctx.id}\n`);
  },
});
queue.start({ concurrency: 2, pollIntervalMs: 20, maxPollIntervalMs: 100, rescueIntervalMs: 100 });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void queue
    .stop({ graceMs: 1000 })
    .then(() => handle.close())
    .then(() => process.exit(0));
});
