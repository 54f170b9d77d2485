import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { registerAdminRoutes } from './admin.routes.js';
import { registerCodeRoutes } from './codes.routes.js';
import { registerCorpTagRoutes } from './corp-tags.routes.js';
import { registerCustomerWechatRoutes } from './customer-wechat.routes.js';
import { registerCustomerWecomRoutes } from './customer-wecom.routes.js';
import { registerCustomerRoutes } from './customers.routes.js';
import { registerEmployeeRoutes } from './employees.routes.js';
import { registerReceiverRoutes } from './receivers.routes.js';
import { registerSettingsRoutes } from './settings.routes.js';

/** The control API under /sandbox: act as customers and employees, inspect, configure. */
export function registerControlApi(app: HttpServer, ctx: SandboxContext): void {
  registerAdminRoutes(app, ctx);
  registerCustomerRoutes(app, ctx);
  registerCustomerWecomRoutes(app, ctx);
  registerCustomerWechatRoutes(app, ctx);
  registerEmployeeRoutes(app, ctx);
  registerCorpTagRoutes(app, ctx);
  registerReceiverRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerCodeRoutes(app, ctx);
}
