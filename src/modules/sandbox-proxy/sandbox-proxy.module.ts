import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Clock } from '../../platform/clock.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { HttpServer } from '../../platform/http/server.js';
import { registerSandboxProxyRoutes } from './sandbox-proxy.routes.js';

export interface SandboxProxyModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  secretBox: SecretBox;
  config: { readonly publicUrl: string | null };
}

/**
 * The console's window on the built-in sandbox: /api/workspaces/:slug/sandbox/… forwards over
 * HTTP to the control API of the sandbox the workspace's WeCom connection points at.
 */
export function registerSandboxProxyModule(app: HttpServer, deps: SandboxProxyModuleDeps): void {
  const ctx = { db: deps.db, clock: deps.clock, secretBox: deps.secretBox };
  registerSandboxProxyRoutes(app, ctx, deps.config);
}
