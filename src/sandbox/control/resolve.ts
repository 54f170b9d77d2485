import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { findCorp, findMiniProgram, findOa, findPerson } from '../core/lookup.js';
import type { Corp } from '../state/corp.js';
import type { MiniProgram, OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';

/** Control-API lookups: a missing thing is a 404 with a message that names it. */

export function requireCustomer(ctx: SandboxContext, ref: string): WechatUser {
  const person = findPerson(ctx, ref);
  if (!person)
    throw new AppError(
      'not_found',
      `customer ${ref} not found (use an id like c1, a unionid, openid or external_userid)`,
    );
  return person;
}

export function requireCorp(ctx: SandboxContext, corpid?: string): Corp {
  const corp = findCorp(ctx, corpid);
  if (!corp)
    throw new AppError(
      'not_found',
      corpid ? `corp ${corpid} not found` : 'the sandbox has no corp (seed the demo first)',
    );
  return corp;
}

export function requireOfficialAccount(ctx: SandboxContext, appid?: string): OfficialAccount {
  const oa = findOa(ctx, appid);
  if (!oa)
    throw new AppError(
      'not_found',
      appid ? `Official Account ${appid} not found` : 'the sandbox has no Official Account',
    );
  return oa;
}

export function requireMiniProgram(ctx: SandboxContext, appid?: string): MiniProgram {
  const mp = findMiniProgram(ctx, appid);
  if (!mp)
    throw new AppError(
      'not_found',
      appid ? `Mini Program ${appid} not found` : 'the sandbox has no Mini Program',
    );
  return mp;
}
