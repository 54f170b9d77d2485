import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { registerAcquisitionRoutes } from './acquisition.routes.js';
import { registerAddressBookRoutes } from './address-book.routes.js';
import { registerContactWayRoutes } from './contact-way.routes.js';
import { registerContactRoutes } from './contact.routes.js';
import { registerGroupChatRoutes } from './groupchat.routes.js';
import { registerJoinWayRoutes } from './join-way.routes.js';
import { registerKfRoutes } from './kf.routes.js';
import { registerMassSendRoutes } from './mass-send.routes.js';
import { registerMessageRoutes } from './message.routes.js';
import { registerMomentRoutes } from './moment.routes.js';
import { registerTagRoutes } from './tag.routes.js';
import { registerWecomTokenRoutes } from './token.routes.js';
import { registerTransferRoutes } from './transfer.routes.js';
import { registerWelcomeRoutes } from './welcome.routes.js';

/** Every WeCom API the sandbox simulates, at qyapi.weixin.qq.com's paths. */
export function registerWecomApi(app: HttpServer, ctx: SandboxContext): void {
  registerWecomTokenRoutes(app, ctx);
  registerContactWayRoutes(app, ctx);
  registerWelcomeRoutes(app, ctx);
  registerContactRoutes(app, ctx);
  registerTagRoutes(app, ctx);
  registerMassSendRoutes(app, ctx);
  registerGroupChatRoutes(app, ctx);
  registerJoinWayRoutes(app, ctx);
  registerAcquisitionRoutes(app, ctx);
  registerMomentRoutes(app, ctx);
  registerTransferRoutes(app, ctx);
  registerKfRoutes(app, ctx);
  registerAddressBookRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
}
