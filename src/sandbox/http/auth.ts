import type { SandboxContext } from '../core/context.js';
import type { Corp, CorpApp } from '../state/corp.js';
import type { MiniProgram, OfficialAccount } from '../state/oa.js';
import type { Query } from './api-route.js';
import { WxError } from './wx-error.js';

export interface WecomCaller {
  corp: Corp;
  app: CorpApp;
}

export interface WechatCaller {
  appid: string;
  oa: OfficialAccount | undefined;
  mp: MiniProgram | undefined;
}

function tokenRecord(ctx: SandboxContext, query: Query, kind: 'wecom' | 'wechat', invalid: number) {
  const token = query.access_token;
  if (!token) throw new WxError(41001);
  const record = ctx.state.tokens[token];
  if (!record || record.owner.kind !== kind) throw new WxError(invalid);
  if (ctx.now() >= record.expiresAt) throw new WxError(42001);
  return record.owner;
}

/** WeCom: a missing token is 41001, an unknown one 40014, an expired one 42001. */
export function wecomCaller(ctx: SandboxContext, query: Query): WecomCaller {
  const owner = tokenRecord(ctx, query, 'wecom', 40014);
  if (owner.kind !== 'wecom') throw new WxError(40014);
  const corp = ctx.state.corps[owner.corpid];
  const app = corp?.apps.find((a) => a.agentid === owner.agentid);
  if (!corp || !app) throw new WxError(40014);
  return { corp, app };
}

/** Official Account / Mini Program: unknown tokens are 40001, expired ones 42001. */
export function wechatCaller(ctx: SandboxContext, query: Query): WechatCaller {
  const owner = tokenRecord(ctx, query, 'wechat', 40001);
  if (owner.kind !== 'wechat') throw new WxError(40001);
  return {
    appid: owner.appid,
    oa: ctx.state.officialAccounts[owner.appid],
    mp: ctx.state.miniPrograms[owner.appid],
  };
}

export function requireOa(caller: WechatCaller): OfficialAccount {
  if (!caller.oa) throw new WxError(48001, 'not an Official Account');
  return caller.oa;
}

export const anonymous = (): undefined => undefined;
