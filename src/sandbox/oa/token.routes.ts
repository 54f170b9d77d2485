import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { issueWechatToken } from '../core/tokens.js';
import { registerApi } from '../http/api-route.js';
import { anonymous } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';

/** GET /cgi-bin/token?grant_type=client_credential&appid&secret (Official Account and Mini Program). */
export function registerWechatTokenRoutes(app: HttpServer, ctx: SandboxContext): void {
  registerApi(app, ctx, {
    platform: 'wechat',
    method: 'GET',
    path: '/cgi-bin/token',
    authenticate: anonymous,
    input: z.object({
      grant_type: z.string().optional(),
      appid: z.string().optional(),
      secret: z.string().optional(),
    }),
    envelope: false,
    handler: ({ input }) => {
      if (input.grant_type !== 'client_credential') throw new WxError(40002);
      if (!input.appid) throw new WxError(41002);
      if (!input.secret) throw new WxError(41004);
      const app = ctx.state.officialAccounts[input.appid] ?? ctx.state.miniPrograms[input.appid];
      if (!app) throw new WxError(40013);
      if (app.secret !== input.secret) throw new WxError(40125);
      return issueWechatToken(ctx, app.appid);
    },
  });
}
