/**
 * A job worker process for the jobs benchmark:
 * `node --import tsx bench/jobs.worker.ts '{"url": …, "concurrency": 100}'`.
 * Prints "ready" once connected, starts polling on a "start" line on stdin, and on "stop"
 * shuts down gracefully, prints "stopped" and exits.
 */
import readline from 'node:readline';
import { sql } from 'kysely';
import type { Database } from '../src/database.js';
import { parseDatabaseUrl } from '../src/platform/config/config.js';
import { openDatabase } from '../src/platform/db/database.js';
import { JobQueue } from '../src/platform/jobs/job-queue.js';

export interface BenchWorkerOptions {
  url: string;
  concurrency: number;
  poolSize: number;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
}

const options = JSON.parse(process.argv[2]!) as BenchWorkerOptions;
const handle = openDatabase<Database>(parseDatabaseUrl(options.url, process.cwd()), {
  poolSize: options.poolSize,
});
const queue = new JobQueue({ db: handle.db, dialect: handle.dialect });
queue.registry.register('bench.noop', { handler: async () => {} });

await sql`select 1`.execute(handle.db);
process.stdout.write('ready\n');

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'start') {
    queue.start({
      concurrency: options.concurrency,
      pollIntervalMs: options.pollIntervalMs,
      maxPollIntervalMs: options.maxPollIntervalMs,
    });
  } else if (line === 'stop') {
    await queue.stop({ graceMs: 5000 });
    await handle.close();
    process.stdout.write('stopped\n');
    process.exit(0);
  }
}
