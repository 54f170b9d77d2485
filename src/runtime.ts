import { buildApp, createDomainEventBus } from './app.js';
import type { Database } from './database.js';
import { allMigrations } from './migrations.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config/config.js';
import { SecretBox } from './platform/crypto.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { startSqliteCheckpointer } from './platform/db/sqlite-checkpointer.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { bootstrapWorkspaces } from './modules/workspace/bootstrap.js';
import type { HttpServer } from './platform/http/server.js';
import { JobQueue } from './platform/jobs/job-queue.js';
import { createLogger, type Logger } from './platform/log.js';
import { MetricsRegistry } from './platform/metrics.js';
import { resolveSecretKey } from './platform/secret-key.js';

export interface Runtime {
  config: Config;
  database: DatabaseHandle<Database>;
  logger: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  secretBox: SecretBox;
  jobs: JobQueue;
  bus: ReturnType<typeof createDomainEventBus>;
  close(): Promise<void>;
}

/** How long shutdown waits for running jobs before handing them back to the queue. */
const defaultShutdownGraceMs = 10_000;

/** Opens the database and migrates it; shared by `siyu start` and the one-shot CLI commands. */
export async function openRuntime(
  config: Config,
  options: { migrate?: boolean; logger?: Logger; shutdownGraceMs?: number } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = openDatabase<Database>(config.database);
  if (options.migrate !== false) {
    const applied = await migrateToLatest(database.db, allMigrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }
  const { key, generated } = resolveSecretKey(config.secretKey, config.dataDir);
  if (generated)
    logger.warn(
      { file: `${config.dataDir}/secret.key` },
      'SIYU_SECRET_KEY not set: generated a key in the data directory; back it up',
    );
  // SQLite files: WAL checkpoints from a background thread for as long as the runtime is open.
  const checkpointer =
    config.database.dialect === 'sqlite' && config.database.file !== ':memory:'
      ? await startSqliteCheckpointer(database.db, { file: config.database.file, logger })
      : undefined;
  const metrics = new MetricsRegistry();
  const jobs = new JobQueue({
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    metrics,
    logger,
  });
  return {
    config,
    database,
    logger,
    clock: systemClock,
    metrics,
    secretBox: new SecretBox(key),
    jobs,
    bus: createDomainEventBus({ db: database.db, jobs, clock: systemClock }),
    close: async () => {
      // Stop claiming, let running jobs finish (up to the grace period), release the rest.
      await jobs.stop({ graceMs: options.shutdownGraceMs ?? defaultShutdownGraceMs });
      await checkpointer?.stop();
      await database.close();
    },
  };
}

export interface RunningServer {
  app: HttpServer;
  url: string;
  stop(): Promise<void>;
}

/** The app over a runtime, not listening (one-shot commands that run jobs build it too). */
export function buildRuntimeApp(runtime: Runtime): Promise<HttpServer> {
  return buildApp({
    config: runtime.config,
    db: runtime.database.db,
    dialect: runtime.database.dialect,
    logger: runtime.logger,
    clock: runtime.clock,
    metrics: runtime.metrics,
    secretBox: runtime.secretBox,
    jobs: runtime.jobs,
    bus: runtime.bus,
  });
}

export async function startServer(runtime: Runtime): Promise<RunningServer> {
  // The default workspace and, on first run, its owner (a generated password is printed once).
  await bootstrapWorkspaces(
    { db: runtime.database.db, clock: runtime.clock },
    runtime.config.owner,
    { print: (line) => process.stdout.write(`${line}\n`), logger: runtime.logger },
  );
  const app = await buildRuntimeApp(runtime);
  const url = await app.listen({ host: runtime.config.host, port: runtime.config.port });
  // Modules registered their job handlers while the app was built; now poll for due jobs.
  if (runtime.config.workers.enabled)
    runtime.jobs.start({ concurrency: runtime.config.workers.concurrency });
  let stopping: Promise<void> | undefined;
  return {
    app,
    url,
    stop: () => {
      stopping ??= (async () => {
        await app.close();
        // Stops the job workers gracefully, then closes the database.
        await runtime.close();
      })();
      return stopping;
    },
  };
}
