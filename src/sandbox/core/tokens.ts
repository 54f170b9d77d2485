import type { AccessToken, TokenOwner } from '../state/platform.js';
import type { SandboxContext } from './context.js';
import { sweepOccasionally } from '../state/records.js';

const sameOwner = (a: TokenOwner, b: TokenOwner) =>
  a.kind === 'wecom' && b.kind === 'wecom'
    ? a.corpid === b.corpid && a.agentid === b.agentid
    : a.kind === 'wechat' && b.kind === 'wechat' && a.appid === b.appid;

function prune(ctx: SandboxContext): void {
  const cutoff = ctx.now() - 24 * 3600_000;
  sweepOccasionally(ctx.state.tokens, ctx.now(), 60_000, (record) => record.expiresAt < cutoff);
}

function mint(ctx: SandboxContext, owner: TokenOwner): AccessToken {
  const now = ctx.now();
  const record: AccessToken = {
    token: ctx.ids.chars('', 128),
    owner,
    issuedAt: now,
    expiresAt: now + ctx.state.rules.tokenTtlSeconds * 1000,
  };
  ctx.state.tokens[record.token] = record;
  return record;
}

/**
 * WeCom: while a token is valid, gettoken returns the same token (with the time it has left);
 * once it expires a new one is issued.
 */
export function issueWecomToken(
  ctx: SandboxContext,
  owner: Extract<TokenOwner, { kind: 'wecom' }>,
): { access_token: string; expires_in: number } {
  prune(ctx);
  const now = ctx.now();
  const current = Object.values(ctx.state.tokens).find(
    (t) => sameOwner(t.owner, owner) && t.expiresAt > now,
  );
  const record = current ?? mint(ctx, owner);
  return {
    access_token: record.token,
    expires_in: Math.max(1, Math.floor((record.expiresAt - now) / 1000)),
  };
}

/**
 * Official Account / Mini Program: every call issues a new token; earlier ones stay valid for
 * five more minutes at most.
 */
export function issueWechatToken(
  ctx: SandboxContext,
  appid: string,
): { access_token: string; expires_in: number } {
  prune(ctx);
  const owner: TokenOwner = { kind: 'wechat', appid };
  const graceEnd = ctx.now() + 5 * 60_000;
  for (const t of Object.values(ctx.state.tokens)) {
    if (sameOwner(t.owner, owner) && t.expiresAt > graceEnd) t.expiresAt = graceEnd;
  }
  const record = mint(ctx, owner);
  return { access_token: record.token, expires_in: ctx.state.rules.tokenTtlSeconds };
}
