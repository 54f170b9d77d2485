import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { deliverWecomContent } from '../core/inbox.js';
import { personByExternalUserid } from '../core/lookup.js';
import type { MassRecipient, MassTemplate } from '../state/campaigns.js';
import type { Corp } from '../state/corp.js';
import { remainingQuota } from '../wecom/mass-quota.js';

export interface MassSendOutcome {
  msgid: string;
  userid: string;
  sent: number;
  notFriends: number;
  quotaExceeded: number;
}

function sendSingle(
  ctx: SandboxContext,
  corp: Corp,
  template: MassTemplate,
  r: MassRecipient,
): void {
  const externalUserid = r.external_userid!;
  const person = personByExternalUserid(ctx, corp, externalUserid);
  if (!person || !corp.follows[externalUserid]?.[r.userid]) {
    r.status = 2;
    return;
  }
  const receipts = (corp.massReceipts[externalUserid] ??= []);
  if (remainingQuota(ctx.state.rules, receipts, ctx.now()) <= 0) {
    r.status = 3;
    return;
  }
  receipts.push(ctx.now());
  r.status = 1;
  r.send_time = ctx.seconds();
  deliverWecomContent(ctx, person.id, {
    channel: 'wecom_mass',
    from: { kind: 'employee', corpid: corp.corpid, userid: r.userid },
    content: template.content,
    ref: template.msgid,
  });
}

function sendToGroup(
  ctx: SandboxContext,
  corp: Corp,
  template: MassTemplate,
  r: MassRecipient,
): void {
  const group = corp.groups[r.chat_id!];
  if (!group || group.dismissed) {
    r.status = 2;
    return;
  }
  r.status = 1;
  r.send_time = ctx.seconds();
  for (const member of group.member_list) {
    const person = member.type === 2 ? personByExternalUserid(ctx, corp, member.userid) : undefined;
    if (!person) continue;
    deliverWecomContent(ctx, person.id, {
      channel: 'wecom_group_mass',
      from: { kind: 'group', corpid: corp.corpid, chat_id: group.chat_id, userid: r.userid },
      content: template.content,
      ref: template.msgid,
    });
  }
}

/**
 * The employee confirms a mass send in the WeCom client: each of their recipients gets it
 * (status 1), unless no longer a friend (2) or over the per-customer quota (3).
 */
export function confirmMassSend(
  ctx: SandboxContext,
  corp: Corp,
  userid: string,
  msgid: string,
): MassSendOutcome {
  const template = corp.massTemplates[msgid];
  if (!template) throw new AppError('not_found', `mass send ${msgid} not found`);
  const task = template.tasks[userid];
  if (!task) throw new AppError('not_found', `${userid} has nothing to send in ${msgid}`);
  if (task.status === 2) throw new AppError('conflict', `${userid} already sent ${msgid}`);
  task.status = 2;
  task.send_time = ctx.seconds();
  const outcome: MassSendOutcome = { msgid, userid, sent: 0, notFriends: 0, quotaExceeded: 0 };
  for (const recipient of template.recipients.filter((r) => r.userid === userid)) {
    if (template.chat_type === 'single') sendSingle(ctx, corp, template, recipient);
    else sendToGroup(ctx, corp, template, recipient);
    if (recipient.status === 1) outcome.sent += 1;
    if (recipient.status === 2) outcome.notFriends += 1;
    if (recipient.status === 3) outcome.quotaExceeded += 1;
  }
  ctx.changed();
  return outcome;
}
