import type { HttpServer } from '../../platform/http/server.js';
import { registerAttributeRoutes } from './attribute.routes.js';
import { registerCustomerRoutes } from './customer.routes.js';
import { registerFollowHandling } from './follow.module.js';
import { registerMergeRoutes } from './merge.routes.js';
import { registerImport } from './import/import.module.js';
import { createPeopleContext, type PeopleContext, type PeopleDeps } from './people.context.js';
import { registerPrivacyRoutes } from './privacy.routes.js';
import { registerTagRoutes } from './tag.routes.js';
import { registerWecomTagRoutes } from './wecom-tags.routes.js';
import { registerWecomTagSync } from './wecom-tags.subscribers.js';

/**
 * The people module: customers (persons), their identities, merges, tags, attributes and
 * timeline, under /api/workspaces/:slug. Returns its context, through which later modules
 * call the services (`resolveIdentities`, `changePersonTags`, `recordPersonEvents`, …) and
 * register their identity kinds (`identityKinds`) and person-owned tables (`personOwned`).
 */
export function registerPeopleModule(app: HttpServer, deps: PeopleDeps): PeopleContext {
  const ctx = createPeopleContext(deps);
  registerCustomerRoutes(app, ctx);
  registerTagRoutes(app, ctx);
  registerAttributeRoutes(app, ctx);
  registerMergeRoutes(app, ctx);
  registerPrivacyRoutes(app, ctx);
  registerFollowHandling(app, ctx);
  registerWecomTagRoutes(app, ctx);
  registerWecomTagSync(ctx);
  registerImport(app, ctx, deps.secretBox);
  return ctx;
}
