import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Clock } from '../../platform/clock.js';
import type { HttpServer } from '../../platform/http/server.js';
import { installAccessControl } from './access.js';
import { registerApiKeyRoutes } from './api-key.routes.js';
import { registerAuditRoutes } from './audit.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerMemberRoutes } from './member.routes.js';
import { registerWorkspaceRoutes } from './workspace.routes.js';

export interface WorkspaceModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: { readonly cookieSecure: boolean };
}

/**
 * Sessions, API keys and the workspace guard for the whole app, plus the module's routes.
 * Register it on the root app, before other modules.
 */
export async function registerWorkspaceModule(
  app: HttpServer,
  deps: WorkspaceModuleDeps,
): Promise<void> {
  const ctx = { db: deps.db, clock: deps.clock };
  const access = await installAccessControl(app, ctx, { cookieSecure: deps.config.cookieSecure });
  registerAuthRoutes(app, ctx, access);
  registerWorkspaceRoutes(app, ctx, access);
  registerMemberRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
}
