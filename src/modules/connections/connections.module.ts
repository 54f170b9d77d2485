import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { Clock } from '../../platform/clock.js';
import { sqliteFileOf, type Dialect } from '../../platform/db/database.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { EventBus } from '../../platform/event-bus/event-bus.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { Logger } from '../../platform/log.js';
import type { MetricsRegistry } from '../../platform/metrics.js';
import { registerCallbackDispatch } from './callbacks/callback-dispatch.js';
import { CallbackIntake } from './callbacks/callback-intake.js';
import { InlineOpener, ThreadedOpener, type CallbackOpener } from './callbacks/callback-opener.js';
import { registerCallbackRoutes } from './callbacks/callback.routes.js';
import { CallbackTargets } from './callbacks/callback-targets.js';
import { registerConnectionRoutes } from './connection.routes.js';
import type { ConnectionsContext } from './connections.context.js';
import { registerDoctorRoutes } from './doctor/doctor.routes.js';
import { PlatformClients, type PlatformHttp } from './platform-clients.js';

export interface ConnectionsModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  config: { readonly publicUrl: string | null; readonly callbackThreads: number };
  metrics: MetricsRegistry;
  logger: Logger;
  jobs: JobQueue;
  bus: EventBus<DomainEvent>;
  dialect: Dialect;
  /** Overrides for outgoing WeChat calls (tests inject fetch, clock and sleep). */
  platformHttp?: PlatformHttp;
}

export interface ConnectionsModule {
  /** API clients for each workspace's connections, for the modules that call WeChat. */
  clients: PlatformClients;
}

/** Connection management under /api/workspaces/:slug/connections and the callback receivers. */
export async function registerConnectionsModule(
  app: HttpServer,
  deps: ConnectionsModuleDeps,
): Promise<ConnectionsModule> {
  const targets = new CallbackTargets(deps);
  const clients = new PlatformClients({
    db: deps.db,
    secretBox: deps.secretBox,
    ...(deps.platformHttp ? { http: deps.platformHttp } : {}),
  });
  const ctx: ConnectionsContext = {
    db: deps.db,
    clock: deps.clock,
    secretBox: deps.secretBox,
    onChanged: (workspaceId) => {
      targets.clear();
      clients.clear(workspaceId);
    },
  };
  registerConnectionRoutes(app, ctx, deps.config);
  registerDoctorRoutes(app, ctx, deps.config);
  registerCallbackDispatch(deps);
  const opener = await callbackOpener(deps);
  app.addHook('onClose', () => opener.close());
  await registerCallbackRoutes(app, {
    targets,
    intake: new CallbackIntake(deps),
    opener,
    metrics: deps.metrics,
  });
  return { clients };
}

/** On SQLite the threads also store what they open, through connections of their own. */
async function callbackOpener(deps: ConnectionsModuleDeps): Promise<CallbackOpener> {
  if (deps.config.callbackThreads === 0) return new InlineOpener();
  const inboxFile = deps.dialect === 'sqlite' ? await sqliteFileOf(deps.db) : undefined;
  return new ThreadedOpener(deps.config.callbackThreads, {
    inboxFile,
    now: () => deps.clock.now(),
  });
}
