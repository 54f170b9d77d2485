import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { registerMenuRoutes } from './menu.routes.js';
import { registerOaMessageRoutes } from './message.routes.js';
import { registerMiniProgramRoutes } from './miniprogram.routes.js';
import { registerQrCodeRoutes } from './qrcode.routes.js';
import { registerWechatTokenRoutes } from './token.routes.js';
import { registerOaUserRoutes } from './user.routes.js';

/** Official Account and Mini Program APIs, at api.weixin.qq.com's paths. */
export function registerWechatApi(app: HttpServer, ctx: SandboxContext): void {
  registerWechatTokenRoutes(app, ctx);
  registerQrCodeRoutes(app, ctx);
  registerOaUserRoutes(app, ctx);
  registerOaMessageRoutes(app, ctx);
  registerMenuRoutes(app, ctx);
  registerMiniProgramRoutes(app, ctx);
}
