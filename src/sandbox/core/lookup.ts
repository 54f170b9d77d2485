import type { Corp, Employee } from '../state/corp.js';
import type { MiniProgram, OfficialAccount } from '../state/oa.js';
import type { WechatUser } from '../state/people.js';
import type { SandboxContext } from './context.js';

/** Lookups shared by the API and the control surface; they return undefined, never throw. */

export function findPerson(ctx: SandboxContext, ref: string): WechatUser | undefined {
  const id = ctx.index.personId(ref);
  return id === undefined ? undefined : ctx.state.users[id];
}

/** The corp with this id, or the only/first corp when none is named. */
export function findCorp(ctx: SandboxContext, corpid?: string): Corp | undefined {
  if (corpid !== undefined) return ctx.state.corps[corpid];
  return Object.values(ctx.state.corps)[0];
}

export function findOa(ctx: SandboxContext, appid?: string): OfficialAccount | undefined {
  if (appid !== undefined) return ctx.state.officialAccounts[appid];
  return Object.values(ctx.state.officialAccounts)[0];
}

export function findMiniProgram(ctx: SandboxContext, appid?: string): MiniProgram | undefined {
  if (appid !== undefined) return ctx.state.miniPrograms[appid];
  return Object.values(ctx.state.miniPrograms)[0];
}

export function findEmployee(corp: Corp, userid: string): Employee | undefined {
  const employee = corp.employees[userid];
  return employee && employee.status !== 5 ? employee : undefined;
}

/** The person behind an external_userid of this corp. */
export function personByExternalUserid(
  ctx: SandboxContext,
  corp: Corp,
  externalUserid: string,
): WechatUser | undefined {
  const person = findPerson(ctx, externalUserid);
  return person && person.externalUserIds[corp.corpid] === externalUserid ? person : undefined;
}

export function personByOpenid(
  ctx: SandboxContext,
  appid: string,
  openid: string,
): WechatUser | undefined {
  const person = findPerson(ctx, openid);
  return person && person.openids[appid] === openid ? person : undefined;
}
