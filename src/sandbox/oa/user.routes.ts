import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { requireOa } from '../http/auth.js';
import { oaPerson, wechatRoute } from './common.js';

/** user/info (one follower) and user/get (the follower list, 10,000 per page). */
export function registerOaUserRoutes(app: HttpServer, ctx: SandboxContext): void {
  wechatRoute(app, ctx, {
    method: 'GET',
    path: '/cgi-bin/user/info',
    input: z.object({ openid: z.string().min(1), lang: z.string().optional() }),
    envelope: false,
    handler: ({ auth, input }) => {
      const oa = requireOa(auth);
      const person = oaPerson(ctx, oa, input.openid);
      const follower = oa.followers[input.openid];
      if (!follower?.subscribed) return { subscribe: 0, openid: input.openid };
      return {
        subscribe: 1,
        openid: input.openid,
        language: follower.language,
        subscribe_time: follower.subscribe_time,
        ...(oa.unionidBound ? { unionid: person.unionid } : {}),
        remark: follower.remark,
        groupid: 0,
        tagid_list: follower.tagid_list,
        subscribe_scene: follower.subscribe_scene,
        qr_scene: follower.qr_scene,
        qr_scene_str: follower.qr_scene_str,
      };
    },
  });

  wechatRoute(app, ctx, {
    method: 'GET',
    path: '/cgi-bin/user/get',
    input: z.object({ next_openid: z.string().optional() }),
    envelope: false,
    handler: ({ auth, input }) => {
      const oa = requireOa(auth);
      const openids = Object.values(oa.followers)
        .filter((f) => f.subscribed)
        .map((f) => f.openid);
      const start = input.next_openid ? openids.indexOf(input.next_openid) + 1 : 0;
      const page = openids.slice(start, start + 10_000);
      return {
        total: openids.length,
        count: page.length,
        ...(page.length > 0 ? { data: { openid: page } } : {}),
        next_openid: page.at(-1) ?? '',
      };
    },
  });
}
