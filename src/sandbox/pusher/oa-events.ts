import { buildXml, type XmlBuildFields } from '../../channels/shared/xml.js';
import type { SandboxContext } from '../core/context.js';
import type { OfficialAccount } from '../state/oa.js';
import type { Delivery } from '../state/platform.js';

/** Official Account callback XML in the documented field order (see docs/wechat-samples). */

export type OaEvent =
  | { event: 'subscribe'; eventKey?: string; ticket?: string }
  | { event: 'unsubscribe' }
  | { event: 'SCAN'; eventKey: string; ticket: string }
  | { event: 'CLICK' | 'VIEW'; eventKey: string }
  | { event: 'TEMPLATESENDJOBFINISH'; msgId: string; status: string };

function header(
  oa: OfficialAccount,
  openid: string,
  createTime: number,
  msgType: string,
): XmlBuildFields {
  return {
    ToUserName: oa.originalId,
    FromUserName: openid,
    CreateTime: createTime,
    MsgType: msgType,
  };
}

export function oaEventXml(
  oa: OfficialAccount,
  openid: string,
  createTime: number,
  e: OaEvent,
): string {
  const fields: Record<string, XmlBuildFields[string]> = {
    ...header(oa, openid, createTime, 'event'),
    Event: e.event,
  };
  switch (e.event) {
    case 'subscribe':
      if (e.eventKey !== undefined) fields.EventKey = e.eventKey;
      if (e.ticket !== undefined) fields.Ticket = e.ticket;
      break;
    case 'SCAN':
      fields.EventKey = e.eventKey;
      fields.Ticket = e.ticket;
      break;
    case 'CLICK':
    case 'VIEW':
      fields.EventKey = e.eventKey;
      break;
    case 'TEMPLATESENDJOBFINISH':
      fields.MsgID = Number(e.msgId);
      fields.Status = e.status;
      break;
    case 'unsubscribe':
      break;
  }
  return buildXml(fields);
}

export function oaTextXml(
  oa: OfficialAccount,
  openid: string,
  createTime: number,
  content: string,
  msgId: string,
): string {
  return buildXml({
    ...header(oa, openid, createTime, 'text'),
    Content: content,
    MsgId: Number(msgId),
  });
}

/** Pushes an Official Account callback; `onReply` receives the passive reply, if any. */
export function pushOa(
  ctx: SandboxContext,
  oa: OfficialAccount,
  openid: string,
  event: string,
  plaintext: string,
  onReply?: (replyXml: string) => void,
): Delivery {
  return ctx.pusher.push({
    receiver: `oa:${oa.appid}`,
    event,
    plaintext,
    openid,
    ...(onReply ? { onReply } : {}),
  });
}
