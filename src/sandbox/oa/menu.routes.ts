import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { requireOa } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';
import { wechatRoute } from './common.js';

const button: z.ZodType<Record<string, unknown>> = z
  .object({
    type: z.string().optional(),
    name: z.string().min(1),
    key: z.string().max(128).optional(),
    url: z.string().max(1024).optional(),
    sub_button: z
      .array(z.lazy(() => button))
      .max(5)
      .optional(),
  })
  .catchall(z.unknown());

/** menu/create and menu/get: the Official Account's custom menu (CLICK keys come back as events). */
export function registerMenuRoutes(app: HttpServer, ctx: SandboxContext): void {
  wechatRoute(app, ctx, {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    input: z.object({ button: z.array(button).min(1).max(3) }),
    envelope: true,
    handler: ({ auth, input }) => {
      requireOa(auth).menu = { button: input.button };
      return {};
    },
  });

  wechatRoute(app, ctx, {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    input: z.object({}),
    envelope: false,
    handler: ({ auth }) => {
      const menu = requireOa(auth).menu;
      if (!menu) throw new WxError(46003);
      return { menu };
    },
  });
}
