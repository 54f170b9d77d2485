import type { Database } from '../database.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { jobStatuses, type JobRow, type JobStatus } from '../platform/jobs/job.js';
import {
  cancelJob,
  findJob,
  listJobs,
  retryJob,
  type JobsDb,
} from '../platform/jobs/jobs.store.js';
import { UsageError, type Command, type CommandContext } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';

async function withJobsDb<T>(
  values: CommandContext['values'],
  fn: (db: JobsDb) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, configFlags(values));
  const handle = openDatabase<Database>(config.database);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

function jobIdArg(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Expected exactly one job id');
  return positionals[0]!;
}

const time = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function parseStatus(value: unknown): JobStatus | undefined {
  if (value === undefined) return undefined;
  if (!jobStatuses.includes(value as JobStatus)) {
    throw new UsageError(
      `--status must be one of ${jobStatuses.join(', ')} (got "${String(value)}")`,
    );
  }
  return value as JobStatus;
}

function parseLimit(value: unknown): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n < 1 || n > 10_000) {
    throw new UsageError(`--limit must be a whole number from 1 to 10000 (got "${String(value)}")`);
  }
  return n;
}

const list: Command = {
  path: ['jobs', 'list'],
  summary: 'List jobs, newest first',
  options: {
    ...databaseOptions,
    status: { type: 'string' },
    queue: { type: 'string' },
    workspace: { type: 'string' },
    limit: { type: 'string' },
  },
  optionHelp: [
    ['--status <status>', `Only jobs in this status: ${jobStatuses.join('|')}`],
    ['--queue <name>', 'Only jobs of this queue'],
    ['--workspace <id>', 'Only jobs of this workspace'],
    ['--limit <n>', 'How many jobs to show (default 50)'],
    ...databaseOptionHelp,
  ],
  async run({ values, positionals, stdout }) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    const filter = {
      status: parseStatus(values.status),
      queue: values.queue as string | undefined,
      workspaceId: values.workspace as string | undefined,
      limit: parseLimit(values.limit),
    };
    const rows = await withJobsDb(values, (db) => listJobs(db, filter));
    if (rows.length === 0) {
      stdout('No jobs.');
      return;
    }
    const firstLine = (text: string | null) => (text ?? '').split('\n')[0]!.slice(0, 60);
    for (const line of formatTable(
      ['ID', 'QUEUE', 'STATUS', 'ATTEMPTS', 'RUN AT', 'LAST ERROR'],
      rows.map((r) => [
        r.id,
        r.queue,
        r.status,
        `${r.attempts}/${r.max_attempts}`,
        time(r.run_at),
        firstLine(r.last_error),
      ]),
    ))
      stdout(line);
  },
};

function describeJob(job: JobRow): string[] {
  return [
    `id:           ${job.id}`,
    `queue:        ${job.queue}`,
    `key:          ${job.key}`,
    `workspace:    ${job.workspace_id ?? '-'}`,
    `status:       ${job.status}`,
    `attempts:     ${job.attempts}/${job.max_attempts}`,
    `run at:       ${time(job.run_at)}`,
    `locked by:    ${job.locked_by ?? '-'}`,
    `locked until: ${time(job.locked_until)}`,
    `created at:   ${time(job.created_at)}`,
    `updated at:   ${time(job.updated_at)}`,
    `finished at:  ${time(job.finished_at)}`,
    `payload:      ${JSON.stringify(JSON.parse(job.payload), null, 2).replace(/\n/g, '\n              ')}`,
    ...(job.last_error ? ['last error:', ...job.last_error.split('\n').map((l) => `  ${l}`)] : []),
  ];
}

const show: Command = {
  path: ['jobs', 'show'],
  summary: 'Show one job: payload, lease and last error',
  args: '<id>',
  options: databaseOptions,
  optionHelp: databaseOptionHelp,
  async run({ values, positionals, stdout, stderr }) {
    const id = jobIdArg(positionals);
    const job = await withJobsDb(values, (db) => findJob(db, id));
    if (!job) {
      stderr(`Job ${id} not found.`);
      return 1;
    }
    for (const line of describeJob(job)) stdout(line);
  },
};

/** retry and cancel: a status change allowed only from some statuses. */
function transition(options: {
  verb: string;
  summary: string;
  from: readonly JobStatus[];
  apply: (db: JobsDb, id: string, now: number) => Promise<boolean>;
  done: string;
  /** Past participle for the refusal message: "only dead jobs can be <past>". */
  past: string;
}): Command {
  return {
    path: ['jobs', options.verb],
    summary: options.summary,
    args: '<id>',
    options: databaseOptions,
    optionHelp: databaseOptionHelp,
    async run({ values, positionals, stdout, stderr }) {
      const id = jobIdArg(positionals);
      return withJobsDb(values, async (db) => {
        if (await options.apply(db, id, systemClock.now())) {
          stdout(`Job ${id} ${options.done}.`);
          return 0;
        }
        const job = await findJob(db, id);
        stderr(
          job
            ? `Job ${id} is ${job.status}; only ${options.from.join(' or ')} jobs can be ${options.past}.`
            : `Job ${id} not found.`,
        );
        return 1;
      });
    },
  };
}

const retry = transition({
  verb: 'retry',
  summary: 'Run a dead or cancelled job again (attempts reset, error cleared)',
  from: ['dead', 'cancelled'],
  apply: retryJob,
  done: 'retried: pending again',
  past: 'retried',
});

const cancel = transition({
  verb: 'cancel',
  summary: 'Cancel a pending job so it never runs',
  from: ['pending'],
  apply: cancelJob,
  done: 'cancelled',
  past: 'cancelled',
});

export const jobsCommands: Command[] = [list, show, retry, cancel];
