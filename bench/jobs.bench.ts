/**
 * Jobs benchmark: throughput of no-op jobs through the durable queue, and latency of the
 * immediate-dispatch path.
 *
 *   npm run bench -- jobs [--dialect sqlite|postgres] [--jobs 20000] [--workers N]
 *                         [--concurrency 100] [--batch 100] [--samples 1000]
 *
 * SQLite: one worker in the benchmark process (Siyu's single-process deployment).
 * PostgreSQL: --workers worker processes (default 2), each its own pool, plus the producer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { JobQueue } from '../src/platform/jobs/job-queue.js';
import {
  BenchUsageError,
  createBenchDatabase,
  formatTable,
  machine,
  parseDialect,
  percentile,
  parseBenchArgs,
  positiveInt,
  round,
  type BenchDatabase,
  type BenchResult,
} from './harness.js';
import type { BenchWorkerOptions } from './jobs.worker.js';

interface Workers {
  start(): void;
  stop(): Promise<void>;
  description: string;
}

const noop = 'bench.noop';
const poll = { pollIntervalMs: 20, maxPollIntervalMs: 200 };

export async function run(args: string[]): Promise<BenchResult> {
  const values = parseBenchArgs(args, {
    dialect: { type: 'string' },
    jobs: { type: 'string' },
    workers: { type: 'string' },
    concurrency: { type: 'string' },
    batch: { type: 'string' },
    samples: { type: 'string' },
  });
  const dialect = parseDialect(values.dialect);
  const jobs = positiveInt('jobs', values.jobs, 20_000);
  const workerCount = positiveInt('workers', values.workers, dialect === 'postgres' ? 2 : 1);
  const concurrency = positiveInt('concurrency', values.concurrency, 100);
  const batch = positiveInt('batch', values.batch, 100);
  const samples = positiveInt('samples', values.samples, 1000);
  if (dialect === 'sqlite' && workerCount !== 1)
    throw new BenchUsageError('SQLite runs one worker, in the benchmark process');

  const database = await createBenchDatabase(dialect);
  const handle = database.open(4);
  const producer = new JobQueue({ db: handle.db, dialect: handle.dialect });
  producer.registry.register(noop, { handler: async () => {} });
  try {
    const enqueue = async (count: number) => {
      for (let i = 0; i < count; i += batch) {
        const size = Math.min(batch, count - i);
        await handle.db.transaction().execute((trx) =>
          producer.enqueueMany(
            trx,
            Array.from({ length: size }, () => ({ queue: noop, payload: {} })),
          ),
        );
      }
    };
    // Completion time is read from the rows (max finished_at), so polling can be coarse and
    // barely competes with the workers for the database.
    const waitForSucceeded = async (target: number): Promise<number> => {
      for (;;) {
        const row = await handle.db
          .selectFrom('jobs')
          .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('finished_at').as('last')])
          .where('status', '=', 'succeeded')
          .executeTakeFirstOrThrow();
        if (Number(row.n) >= target) return Number(row.last);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const workers =
      dialect === 'sqlite'
        ? inProcessWorker(producer, concurrency)
        : await workerProcesses(database, workerCount, concurrency);

    // 1. Enqueue only: N jobs in transactions of `batch`, no worker running.
    const t0 = performance.now();
    await enqueue(jobs);
    const enqueueSeconds = (performance.now() - t0) / 1000;

    // 2. Drain: the workers complete the N queued jobs.
    let started = Date.now();
    workers.start();
    const drainSeconds = ((await waitForSucceeded(jobs)) - started) / 1000;

    // 3. End to end: the producer enqueues N more while the workers run.
    started = Date.now();
    const cpuBefore = process.cpuUsage();
    await enqueue(jobs);
    const endToEndSeconds = ((await waitForSucceeded(2 * jobs)) - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU the benchmark process spent per job in that phase (producer, plus the worker on
    // SQLite): unlike jobs/s, it does not depend on what else the machine is running.
    const cpuMicrosPerJob = (cpu.user + cpu.system) / jobs;
    await workers.stop();

    // 4. Immediate dispatch, no poller anywhere: from the call that opens the transaction
    //    enqueueing the job to the moment this process has recorded the job as succeeded.
    const latencies: number[] = [];
    const afterCommit: number[] = [];
    const settled = new Map<string, () => void>();
    producer.onSettled((s) => settled.get(s.job.id)?.());
    for (let i = 0; i < samples + 100; i++) {
      const start = performance.now();
      let done!: Promise<void>;
      await producer.transaction(async (trx) => {
        const job = await producer.enqueue(trx, { queue: noop, payload: { i }, immediate: true });
        done = new Promise((resolve) => settled.set(job.id, resolve));
      });
      const committed = performance.now();
      await done;
      if (i >= 100) {
        latencies.push(performance.now() - start);
        afterCommit.push(performance.now() - committed);
      }
    }
    latencies.sort((a, b) => a - b);
    afterCommit.sort((a, b) => a - b);
    const left = await handle.db
      .selectFrom('jobs')
      .select('status')
      .where('status', '!=', 'succeeded')
      .execute();
    if (left.length > 0) throw new Error(`${left.length} jobs did not succeed`);

    const figures = {
      dialect,
      jobs,
      workers: workers.description,
      concurrency_per_worker: concurrency,
      enqueue_batch: batch,
      enqueue_jobs_per_s: Math.round(jobs / enqueueSeconds),
      drain_jobs_per_s: Math.round(jobs / drainSeconds),
      end_to_end_jobs_per_s: Math.round(jobs / endToEndSeconds),
      end_to_end_cpu_us_per_job: round(cpuMicrosPerJob, 1),
      immediate_samples: samples,
      immediate_p50_ms: round(percentile(latencies, 0.5), 2),
      immediate_p90_ms: round(percentile(latencies, 0.9), 2),
      immediate_p99_ms: round(percentile(latencies, 0.99), 2),
      immediate_max_ms: round(latencies.at(-1)!, 2),
      immediate_after_commit_p50_ms: round(percentile(afterCommit, 0.5), 2),
      immediate_after_commit_p99_ms: round(percentile(afterCommit, 0.99), 2),
      machine: machine(),
      database: database.settings,
    };
    const table = [
      `Jobs benchmark on ${dialect} (${workers.description}, concurrency ${concurrency} per worker)`,
      '',
      formatTable(
        ['phase', 'jobs', 'seconds', 'jobs/s'],
        [
          [
            `enqueue (transactions of ${batch})`,
            jobs,
            round(enqueueSeconds, 2),
            figures.enqueue_jobs_per_s,
          ],
          ['drain (queued → succeeded)', jobs, round(drainSeconds, 2), figures.drain_jobs_per_s],
          [
            'end to end (enqueue while workers run)',
            jobs,
            round(endToEndSeconds, 2),
            figures.end_to_end_jobs_per_s,
          ],
        ],
      ),
      `End to end, this process used ${figures.end_to_end_cpu_us_per_job} µs of CPU per job (${dialect === 'sqlite' ? 'producer and worker' : 'producer only'}).`,
      '',
      formatTable(
        [
          'immediate dispatch (enqueue call → success recorded)',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
        ],
        [
          [
            `${samples} sequential jobs`,
            figures.immediate_p50_ms,
            figures.immediate_p90_ms,
            figures.immediate_p99_ms,
            figures.immediate_max_ms,
          ],
          [
            '  of which from commit to success',
            figures.immediate_after_commit_p50_ms,
            round(percentile(afterCommit, 0.9), 2),
            figures.immediate_after_commit_p99_ms,
            round(afterCommit.at(-1)!, 2),
          ],
        ],
      ),
    ].join('\n');
    return { table, figures };
  } finally {
    await producer.stop({ graceMs: 1000 });
    await handle.close();
    await database.drop();
  }
}

function inProcessWorker(queue: JobQueue, concurrency: number): Workers {
  return {
    description: '1 worker in the benchmark process',
    start: () => queue.start({ concurrency, ...poll }),
    stop: () => queue.stop({ graceMs: 5000 }),
  };
}

async function workerProcesses(
  database: BenchDatabase,
  count: number,
  concurrency: number,
): Promise<Workers> {
  const options: BenchWorkerOptions = { url: database.url, concurrency, poolSize: 4, ...poll };
  const script = new URL('./jobs.worker.ts', import.meta.url).pathname;
  const children: { child: ChildProcess; lines: AsyncIterator<string> }[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    children.push({ child, lines });
  }
  for (const { lines } of children) {
    const line = await lines.next();
    if (line.value !== 'ready')
      throw new Error(`worker process failed to start: ${String(line.value)}`);
  }
  return {
    description: `${count} worker processes`,
    start: () => children.forEach(({ child }) => child.stdin!.write('start\n')),
    stop: async () => {
      for (const { child } of children) child.stdin!.write('stop\n');
      for (const { lines } of children) await lines.next();
    },
  };
}
