/**
 * The import part of the people benchmark: a sandbox corp with N customers spread over M
 * employees, imported by `startWecomImport` and the job workers of a Siyu runtime in this
 * process, as `siyu import wecom` does. Timed from the start of the run to its end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWorkspaceToSandbox } from '../src/cli/sandbox-connect.js';
import { PlatformClients } from '../src/modules/connections/platform-clients.js';
import { getImportRun, startWecomImport } from '../src/modules/people/import/import.service.js';
import { ensureDefaultWorkspace } from '../src/modules/workspace/bootstrap.js';
import { permissions } from '../src/modules/workspace/permissions.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/log.js';
import { buildRuntimeApp, openRuntime } from '../src/runtime.js';
import { startSandboxServer } from '../src/sandbox/index.js';
import { createBenchDatabase, round, type BenchDialect } from './harness.js';
import { threadCpu, threadCpuSpent } from './thread-cpu.js';

export async function measureImport(dialect: BenchDialect, customers: number, employees: number) {
  const database = await createBenchDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-import-'));
  const config = loadConfig({
    SIYU_DATABASE_URL: database.url,
    SIYU_DATA_DIR: dataDir,
    SIYU_LOG_LEVEL: 'fatal',
    SIYU_SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123',
  });
  const runtime = await openRuntime(config, { logger: createLogger('fatal') });
  const app = await buildRuntimeApp(runtime);
  const sandbox = await startSandboxServer({ port: 0 });
  try {
    const db = runtime.database.db;
    const workspace = await ensureDefaultWorkspace({ db, clock: runtime.clock });
    // No Siyu server listens here: the receivers' verification fails, which the import
    // does not need (seeded customers come with no callbacks).
    await connectWorkspaceToSandbox(
      { db, clock: runtime.clock, secretBox: runtime.secretBox },
      { workspace: { id: workspace.id, slug: 'default' }, sandbox, siyuUrl: 'http://127.0.0.1:9' },
    );
    const seeded = await sandbox.sandbox.app.inject({
      method: 'POST',
      url: '/sandbox/seed-customers',
      payload: { customers, employees },
    });
    if (seeded.statusCode !== 200) throw new Error(`seeding the sandbox failed: ${seeded.body}`);

    const started = performance.now();
    // The whole process: the import's workers and the in-process sandbox serving its pages.
    const cpuStarted = process.cpuUsage();
    // By thread too: the main thread's share is steadier than the whole process's, whose WAL
    // checkpoints (a background thread) copy more often when the machine has cores to spare.
    const threadsStarted = threadCpu();
    const { run } = await startWecomImport(
      {
        db,
        clock: runtime.clock,
        jobs: runtime.jobs,
        clients: new PlatformClients({ db, secretBox: runtime.secretBox }),
      },
      {
        workspaceId: workspace.id,
        actor: { type: 'system', id: null, label: 'bench' },
        permissions,
      },
    );
    runtime.jobs.start({ concurrency: config.workers.concurrency });
    const deps = { db, clock: runtime.clock };
    let ended = await getImportRun(deps, workspace.id, run.id);
    while (ended.status === 'queued' || ended.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ended = await getImportRun(deps, workspace.id, run.id);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const threads = threadCpuSpent(threadsStarted, threadCpu());
    if (ended.status !== 'succeeded')
      throw new Error(`the import ${ended.status}: ${ended.lastError ?? ''}`);
    const follows = await db
      .selectFrom('follow')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('workspace_id', '=', workspace.id)
      .executeTakeFirstOrThrow();
    const figures = {
      customers,
      employees,
      seconds: round(seconds, 1),
      contacts_per_second: Math.round(customers / seconds),
      cpu_seconds: round(cpuSeconds, 1),
      contacts_per_cpu_second: Math.round(customers / cpuSeconds),
      ...(threads && {
        cpu_seconds_main_thread: round(threads.main / 1e6, 1),
        cpu_seconds_busiest_other_thread: round(threads.busiestOther / 1e6, 1),
        cpu_seconds_other_threads: round(threads.rest / 1e6, 1),
      }),
      load_avg_1m_after: round(os.loadavg()[0]!, 2),
      follows_stored: Number(follows.n),
      counts: ended.counts,
    };
    return {
      rows: [
        [
          `import ${customers.toLocaleString('en')} contacts / ${employees} employees`,
          `${figures.seconds} s (${figures.contacts_per_second}/s; CPU ${figures.cpu_seconds} s${threads ? `, main thread ${figures.cpu_seconds_main_thread} s` : ''}, load ${figures.load_avg_1m_after})`,
          '< 60 s',
        ],
      ],
      figures,
    };
  } finally {
    await sandbox.close();
    await app.close();
    await runtime.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
