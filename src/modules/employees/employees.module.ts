import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { DomainEvent } from '../../events/index.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { EventBus } from '../../platform/event-bus/event-bus.js';
import type { HttpServer } from '../../platform/http/server.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { Logger } from '../../platform/log.js';
import type { PlatformClients } from '../connections/platform-clients.js';
import { registerDirectorySyncJob, scheduleConnectedWorkspaces } from './directory-sync.jobs.js';
import { syncDirectory } from './directory-sync.service.js';
import { registerEmployeeRoutes } from './employee.routes.js';
import { subscribeEmployeeEvents } from './employee.subscribers.js';
import type { EmployeesContext } from './employees.context.js';

export interface EmployeesDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  clients: PlatformClients;
  jobs: JobQueue;
  bus: EventBus<DomainEvent>;
  logger: Logger;
}

/**
 * The employees module: the corp's staff and departments as WeCom knows them. Routes under
 * /api/workspaces/:slug, the directory callbacks, and a periodic re-sync of every workspace
 * with a WeCom connection (scheduled when the app is ready and after each sync).
 */
export function registerEmployeesModule(app: HttpServer, deps: EmployeesDeps): EmployeesContext {
  const ctx = { ...deps };
  registerEmployeeRoutes(app, ctx);
  subscribeEmployeeEvents(deps.bus, ctx);
  registerDirectorySyncJob(ctx, (workspaceId) => syncDirectory(ctx, workspaceId));
  app.addHook('onReady', async () => {
    try {
      await scheduleConnectedWorkspaces(ctx);
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not schedule the periodic directory sync');
    }
  });
  return ctx;
}
