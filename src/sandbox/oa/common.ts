import type { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { personByOpenid } from '../core/lookup.js';
import { registerApi, type ApiCall } from '../http/api-route.js';
import { wechatCaller, type WechatCaller } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';
import type { OaFollower, OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';

export type WechatCall<I> = ApiCall<WechatCaller, I>;

/**
 * Registers an api.weixin.qq.com route (access_token required). `envelope` adds
 * `{"errcode":0,"errmsg":"ok"}`, which some of these APIs return and others do not.
 */
export function wechatRoute<S extends z.ZodType>(
  app: HttpServer,
  ctx: SandboxContext,
  spec: {
    method: 'GET' | 'POST';
    path: string;
    input: S;
    envelope: boolean;
    handler: (
      call: WechatCall<z.infer<S>>,
    ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  },
): void {
  registerApi(app, ctx, { platform: 'wechat', authenticate: wechatCaller, ...spec });
}

/** The person behind an openid of this Official Account, or 40003. */
export function oaPerson(ctx: SandboxContext, oa: OfficialAccount, openid: string): WechatUser {
  const person = personByOpenid(ctx, oa.appid, openid);
  if (!person) throw new WxError(40003, openid);
  return person;
}

export function activeFollower(oa: OfficialAccount, openid: string): OaFollower | undefined {
  const follower = oa.followers[openid];
  return follower?.subscribed ? follower : undefined;
}
