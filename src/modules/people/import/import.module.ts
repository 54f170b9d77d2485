import type { SecretBox } from '../../../platform/crypto.js';
import type { HttpServer } from '../../../platform/http/server.js';
import type { PeopleContext } from '../people.context.js';
import { isPostgres } from '../person.store.js';
import { registerImportJobs } from './import.jobs.js';
import { PagePrefetcher } from './import.prefetch.js';
import { registerImportRoutes } from './import.routes.js';
import { wecomImportSources } from './import.wiring.js';

/** The WeCom import: its step jobs and its API under /api/workspaces/:slug/imports. */
export function registerImport(app: HttpServer, ctx: PeopleContext, secretBox: SecretBox): void {
  const deps = {
    db: ctx.db,
    clock: ctx.clock,
    jobs: ctx.jobs,
    clients: ctx.clients,
    sources: wecomImportSources({ ...ctx, secretBox }),
    prefetch: new PagePrefetcher(),
    writeAhead: isPostgres(ctx.db),
  };
  registerImportJobs(deps);
  registerImportRoutes(app, deps);
}
