import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { domainEventSchema, type DomainEvent } from './events/index.js';
import { allMigrations } from './migrations.js';
import { registerConnectionsModule } from './modules/connections/connections.module.js';
import { registerEmployeesModule } from './modules/employees/employees.module.js';
import { registerPeopleModule } from './modules/people/people.module.js';
import { registerSandboxProxyModule } from './modules/sandbox-proxy/sandbox-proxy.module.js';
import { registerWorkspaceModule } from './modules/workspace/workspace.module.js';
import type { Config } from './platform/config/config.js';
import type { Clock } from './platform/clock.js';
import type { SecretBox } from './platform/crypto.js';
import type { Dialect } from './platform/db/database.js';
import { EventBus } from './platform/event-bus/event-bus.js';
import { registerHealthRoutes } from './platform/http/health.routes.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import type { JobQueue } from './platform/jobs/job-queue.js';
import type { Logger } from './platform/log.js';
import type { MetricsRegistry } from './platform/metrics.js';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  dialect: Dialect;
  logger: Logger;
  clock: Clock;
  metrics: MetricsRegistry;
  secretBox: SecretBox;
  /** Durable jobs: register handlers on jobs.registry; enqueue inside your transactions. */
  jobs: JobQueue;
  /** Domain events: publish inside your transactions; subscribe while the app is built. */
  bus: EventBus<DomainEvent>;
}

/** The event bus over the domain-event catalog (handlers receive validated, typed events). */
export function createDomainEventBus(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'clock'>,
): EventBus<DomainEvent> {
  return new EventBus({
    db: deps.db,
    jobs: deps.jobs,
    clock: deps.clock,
    schema: domainEventSchema,
  });
}

export const consoleDistDir = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Composes platform, channels and modules into one Fastify app; does not listen. */
export async function buildApp(deps: AppDeps): Promise<HttpServer> {
  const app = await createHttpServer({
    logger: deps.logger,
    bodyLimitBytes: deps.config.bodyLimitBytes,
    title: 'Siyu API',
    version: '0.1.0',
  });
  registerHealthRoutes(app, {
    db: deps.db as Kysely<unknown>,
    migrations: allMigrations,
    metrics: deps.metrics,
  });
  // First among modules: it installs the session/API-key guard every module relies on.
  await registerWorkspaceModule(app, deps);
  const connections = await registerConnectionsModule(app, deps);
  registerPeopleModule(app, { ...deps, clients: connections.clients });
  registerEmployeesModule(app, { ...deps, clients: connections.clients });
  registerSandboxProxyModule(app, deps);
  await registerConsole(app);
  return app;
}

async function registerConsole(app: HttpServer): Promise<void> {
  if (!fs.existsSync(consoleDistDir)) {
    app.log.warn({ dir: consoleDistDir }, 'console not built; run npm run build:web');
    return;
  }
  await app.register(fastifyStatic, {
    root: consoleDistDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
  });
  const isApiPath = (url: string) =>
    /^\/(api|docs|openapi\.json|health|ready|metrics)(\/|\?|$)/.test(url);
  // SPA fallback: a page address (a browser asking for HTML) gets index.html; anything else
  // falls through to the platform's JSON 404. A catch-all route, because the platform
  // already owns the not-found handler.
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (!isApiPath(request.url) && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.callNotFound();
  });
}
