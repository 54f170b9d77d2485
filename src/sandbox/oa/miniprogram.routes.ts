import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { registerApi } from '../http/api-route.js';
import { anonymous } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';
import { deriveChars } from '../state/ids.js';

/**
 * GET /sns/jscode2session: a js_code (from the control API's "customer opens the mini
 * program") works once, within its lifetime, for the mini program it was issued for.
 */
export function registerMiniProgramRoutes(app: HttpServer, ctx: SandboxContext): void {
  registerApi(app, ctx, {
    platform: 'wechat',
    method: 'GET',
    path: '/sns/jscode2session',
    authenticate: anonymous,
    input: z.object({
      appid: z.string().optional(),
      secret: z.string().optional(),
      js_code: z.string().optional(),
      grant_type: z.string().optional(),
    }),
    envelope: false,
    handler: ({ input }) => {
      if (!input.appid) throw new WxError(41002);
      const mp = ctx.state.miniPrograms[input.appid];
      if (!mp) throw new WxError(40013);
      if (!input.secret) throw new WxError(41004);
      if (mp.secret !== input.secret) throw new WxError(40125);
      if (input.grant_type !== 'authorization_code') throw new WxError(40002);
      if (!input.js_code) throw new WxError(41008);
      const code = mp.jsCodes[input.js_code];
      if (!code || code.used || ctx.now() - code.issuedAt > ctx.state.rules.jsCodeTtlMs) {
        throw new WxError(40029);
      }
      code.used = true;
      const person = ctx.state.users[code.personId];
      if (!person) throw new WxError(40029);
      return {
        session_key: Buffer.from(
          deriveChars(16, ctx.state.seed, 'session', input.js_code),
        ).toString('base64'),
        openid: person.openids[mp.appid],
        ...(mp.unionidBound ? { unionid: person.unionid } : {}),
      };
    },
  });
}
