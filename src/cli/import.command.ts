import type { ImportRun } from '../modules/people/import/import-run.schemas.js';
import { importPhases } from '../modules/people/import/import-run.table.js';
import { getImportRun, startWecomImport } from '../modules/people/import/import.service.js';
import { PlatformClients } from '../modules/connections/platform-clients.js';
import { permissions } from '../modules/workspace/permissions.js';
import { findWorkspaceBySlug } from '../modules/workspace/workspace.store.js';
import { loadConfig } from '../platform/config/config.js';
import { AppError } from '../platform/http/errors.js';
import { createLogger } from '../platform/log.js';
import { buildRuntimeApp, openRuntime, type Runtime } from '../runtime.js';
import { UsageError, type Command, type CommandContext } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';
import { phaseLine, progressBar, progressDetail, summaryLine } from './import.progress.js';
import { reportAppErrors } from './workspace.command.js';

const pollMs = 200;
/** Without a terminal: a line per phase and one every this often. */
const lineEveryMs = 5_000;

interface Watch {
  runtime: Runtime;
  runId: string;
  workspaceId: string;
  startPhase: ImportRun['phase'];
  stdout: (line: string) => void;
}

/** A redrawn bar on a terminal, plain lines otherwise; returns the run once it has ended. */
async function watchRun(watch: Watch, interrupted: () => boolean): Promise<ImportRun | null> {
  const tty = process.stdout.isTTY === true;
  const deps = { db: watch.runtime.database.db, clock: watch.runtime.clock };
  // Phases already behind the run when the command started are not announced.
  let shown = importPhases.indexOf(watch.startPhase) - 1;
  let lastLine = Date.now();
  for (;;) {
    const run = await getImportRun(deps, watch.workspaceId, watch.runId);
    const ended = run.status !== 'queued' && run.status !== 'running';
    if (tty) process.stdout.write('\r\x1b[K');
    // A line for every phase reached since the last look (a quick one may pass unseen).
    const reached = Math.min(importPhases.indexOf(run.phase), importPhases.indexOf('contacts'));
    if (reached > shown) {
      for (let i = shown + 1; i <= reached; i += 1) watch.stdout(phaseLine(importPhases[i]!));
      shown = reached;
      lastLine = Date.now();
    } else if (!tty && run.phase === 'contacts' && Date.now() - lastLine >= lineEveryMs) {
      watch.stdout(`contacts: ${progressDetail(run)}`);
      lastLine = Date.now();
    }
    if (ended) return run;
    if (tty) process.stdout.write(progressBar(run));
    if (interrupted()) return null;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

const str = (values: CommandContext['values'], name: string) =>
  typeof values[name] === 'string' ? values[name] : undefined;

async function runImport(ctx: CommandContext, runtime: Runtime): Promise<number> {
  const { values, stdout, stderr } = ctx;
  const slug = str(values, 'workspace') ?? 'default';
  const db = runtime.database.db;
  // Every module's job handlers (the import writes through them and enqueues their jobs).
  const app = await buildRuntimeApp(runtime);
  try {
    const workspace = await findWorkspaceBySlug(db, slug);
    if (!workspace) throw new AppError('not_found', `Workspace "${slug}" not found`);
    const { run, created } = await startWecomImport(
      {
        db,
        clock: runtime.clock,
        jobs: runtime.jobs,
        clients: new PlatformClients({ db, secretBox: runtime.secretBox }),
      },
      {
        workspaceId: workspace.id,
        actor: { type: 'system', id: null, label: 'cli' },
        permissions,
      },
    );
    stdout(
      created
        ? `Started WeCom import ${run.id} for workspace ${slug}.`
        : `Resuming WeCom import ${run.id} for workspace ${slug} (${run.phase}, ${run.counts.contacts} contacts so far).`,
    );
    if (values['no-wait'] === true) {
      stdout(`Not waiting. Follow it with: GET /api/workspaces/${slug}/imports/${run.id}`);
      return 0;
    }
    const workers = runtime.config.workers;
    if (workers.enabled) runtime.jobs.start({ concurrency: workers.concurrency });
    else stdout('Workers are off (--workers 0): waiting for a running Siyu server to import.');
    let stop = false;
    const onSigint = () => {
      stop = true;
    };
    process.once('SIGINT', onSigint);
    const started = Date.now();
    let ended: ImportRun | null;
    try {
      ended = await watchRun(
        { runtime, runId: run.id, workspaceId: workspace.id, startPhase: run.phase, stdout },
        () => stop,
      );
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (!ended) {
      stderr(
        `Interrupted. Import ${run.id} is resumable: run "siyu import wecom --workspace ${slug}" again (a running server's workers also continue it).`,
      );
      return 130;
    }
    stdout(summaryLine(ended, (Date.now() - started) / 1000));
    if (ended.status === 'succeeded') return 0;
    stderr(
      ended.status === 'failed'
        ? `Import failed: ${ended.lastError ?? 'unknown error'}`
        : 'Import was cancelled.',
    );
    return 1;
  } finally {
    await app.close();
  }
}

const wecom: Command = {
  path: ['import', 'wecom'],
  summary: 'Import every employee, corp tag, customer and follow from WeCom (resumable)',
  options: {
    ...databaseOptions,
    workspace: { type: 'string' },
    wait: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    workers: { type: 'string' },
    'log-level': { type: 'string' },
  },
  optionHelp: [
    ['--workspace <slug>', 'The workspace to import into (default: default)'],
    ['--wait', 'Run the import here and show its progress until it ends (default)'],
    ['--no-wait', 'Start (or find) the run and exit; a running server imports it'],
    ['--workers <n>', 'Jobs run at once in this process; 0 leaves them to a running server'],
    [
      '--log-level <level>',
      'Log level while importing (default: fatal; failed jobs show in siyu jobs list)',
    ],
    ...databaseOptionHelp,
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0)
      throw new UsageError(`Unexpected argument: ${ctx.positionals[0]}`);
    if (ctx.values.wait === true && ctx.values['no-wait'] === true)
      throw new UsageError('--wait and --no-wait exclude each other');
    const config = loadConfig(process.env, configFlags(ctx.values));
    const runtime = await openRuntime(config, {
      logger: createLogger(str(ctx.values, 'log-level') ?? 'fatal'),
    });
    let code = 0;
    try {
      const failed = await reportAppErrors(ctx.stderr, async () => {
        code = await runImport(ctx, runtime);
      });
      return failed || code;
    } finally {
      // Lets the page being written finish (or hands it back): the run stays resumable.
      await runtime.close();
    }
  },
};

export const importCommands: Command[] = [wecom];
