import { AppError } from '../../platform/http/errors.js';
import type { SandboxContext } from '../core/context.js';
import { kfMsgOrEventXml, pushWecom } from '../pusher/wecom-events.js';
import type { Corp } from '../state/corp.js';
import { externalUseridOf } from '../state/identity.js';
import type { KfMessage } from '../state/kf.js';
import type { WechatUser } from '../state/people.js';
import type { Delivery } from '../state/platform.js';
import { sweepOccasionally } from '../state/records.js';

export interface KfActionResult {
  openKfid: string;
  externalUserid: string;
  msgid: string;
  token: string;
  welcomeCode: string | null;
  delivery: Delivery;
}

function account(corp: Corp, openKfid: string | undefined): string {
  const id = openKfid ?? Object.keys(corp.kf.accounts)[0];
  if (!id || !corp.kf.accounts[id])
    throw new AppError('not_found', `customer-service account ${openKfid ?? ''} not found`);
  return id;
}

/** Appends to the kf log, issues a callback token (10 min) and pushes kf_msg_or_event. */
function record(
  ctx: SandboxContext,
  corp: Corp,
  message: Omit<KfMessage, 'msgid' | 'send_time'>,
  welcomeCode: string | null,
): KfActionResult {
  const msgid = ctx.ids.chars('from_msgid_', 30);
  corp.kf.messages.push({ ...message, msgid, send_time: ctx.seconds() });
  const token = ctx.ids.chars('ENC', 48);
  const now = ctx.now();
  sweepOccasionally(corp.kf.tokens, now, 60_000, (info) => info.expiresAt < now);
  corp.kf.tokens[token] = {
    open_kfid: message.open_kfid,
    expiresAt: now + ctx.state.rules.kfTokenTtlMs,
  };
  const delivery = pushWecom(
    ctx,
    corp,
    'kf_msg_or_event',
    kfMsgOrEventXml(corp, ctx.seconds(), token, message.open_kfid),
  );
  ctx.changed();
  return {
    openKfid: message.open_kfid,
    externalUserid: message.external_userid,
    msgid,
    token,
    welcomeCode,
    delivery,
  };
}

/** The customer writes to WeChat Customer Service: opens the 48-hour / 5-reply window. */
export function sendKfMessage(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  openKfid: string | undefined,
  text: string,
): KfActionResult {
  const id = account(corp, openKfid);
  const externalUserid = externalUseridOf(ctx.state, ctx.index, person, corp.corpid);
  corp.kf.sent[`${id}|${externalUserid}`] = { lastCustomerMessageAt: ctx.now(), replies: 0 };
  return record(
    ctx,
    corp,
    {
      open_kfid: id,
      external_userid: externalUserid,
      origin: 3,
      msgtype: 'text',
      body: { content: text },
    },
    null,
  );
}

/** The customer opens the customer-service chat: an enter_session event with a welcome code (20 s, once). */
export function enterKfSession(
  ctx: SandboxContext,
  person: WechatUser,
  corp: Corp,
  options: { openKfid?: string; scene?: string; sceneParam?: string },
): KfActionResult {
  const id = account(corp, options.openKfid);
  const externalUserid = externalUseridOf(ctx.state, ctx.index, person, corp.corpid);
  const welcomeCode = ctx.ids.chars('', 32);
  corp.kf.eventCodes[welcomeCode] = {
    open_kfid: id,
    external_userid: externalUserid,
    issuedAt: ctx.now(),
    used: false,
  };
  return record(
    ctx,
    corp,
    {
      open_kfid: id,
      external_userid: externalUserid,
      origin: 4,
      msgtype: 'event',
      body: {
        event_type: 'enter_session',
        open_kfid: id,
        external_userid: externalUserid,
        scene: options.scene ?? '',
        scene_param: options.sceneParam ?? '',
        welcome_code: welcomeCode,
      },
    },
    welcomeCode,
  );
}
