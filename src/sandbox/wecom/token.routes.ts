import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { issueWecomToken } from '../core/tokens.js';
import { registerApi } from '../http/api-route.js';
import { anonymous } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';

/** GET /cgi-bin/gettoken?corpid&corpsecret (doc 91039). */
export function registerWecomTokenRoutes(app: HttpServer, ctx: SandboxContext): void {
  registerApi(app, ctx, {
    platform: 'wecom',
    method: 'GET',
    path: '/cgi-bin/gettoken',
    authenticate: anonymous,
    input: z.object({ corpid: z.string().optional(), corpsecret: z.string().optional() }),
    envelope: true,
    handler: ({ input }) => {
      if (!input.corpid) throw new WxError(41002);
      if (!input.corpsecret) throw new WxError(41004);
      const corp = ctx.state.corps[input.corpid];
      if (!corp) throw new WxError(40013);
      const app = corp.apps.find((a) => a.secret === input.corpsecret);
      if (!app) throw new WxError(40001);
      return issueWecomToken(ctx, { kind: 'wecom', corpid: corp.corpid, agentid: app.agentid });
    },
  });
}
