import type { z } from 'zod';
import type { SandboxContext } from '../core/context.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';
import type { customerView, deliverySummary } from './schemas.js';

export function deliverySummaryOf(d: Delivery): z.infer<typeof deliverySummary> {
  return {
    id: d.id,
    receiver: d.receiver,
    event: d.event,
    status: d.status,
    attempts: d.attempts.length,
    lastError: d.attempts.at(-1)?.error ?? null,
  };
}

export function customerViewOf(
  ctx: SandboxContext,
  person: WechatUser,
): z.infer<typeof customerView> {
  const followsOa = Object.values(ctx.state.officialAccounts)
    .filter((oa) => {
      const openid = person.openids[oa.appid];
      return openid !== undefined && oa.followers[openid]?.subscribed === true;
    })
    .map((oa) => oa.appid);
  const employees: { corpid: string; userid: string }[] = [];
  const groups: { corpid: string; chatId: string; name: string }[] = [];
  for (const corp of Object.values(ctx.state.corps)) {
    const externalUserid = person.externalUserIds[corp.corpid];
    if (!externalUserid) continue;
    for (const userid of Object.keys(corp.follows[externalUserid] ?? {}))
      employees.push({ corpid: corp.corpid, userid });
    for (const group of Object.values(corp.groups)) {
      if (!group.dismissed && group.member_list.some((m) => m.userid === externalUserid)) {
        groups.push({ corpid: corp.corpid, chatId: group.chat_id, name: group.name });
      }
    }
  }
  return {
    id: person.id,
    nickname: person.nickname,
    gender: person.gender,
    mobile: person.mobile,
    avatar: person.avatar,
    unionid: person.unionid,
    openids: person.openids,
    externalUserIds: person.externalUserIds,
    followsOa,
    employees,
    groups,
  };
}
