import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { deliverToPerson } from '../core/inbox.js';
import { decodeCursor, encodeCursor } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { Corp } from '../state/corp.js';
import type { KfMessage } from '../state/kf.js';
import { externalPerson, wecomRoute } from './common.js';

const BASE = '/cgi-bin/kf';
const THREE_DAYS_MS = 3 * 86400_000;

const messageBody = z
  .object({
    msgtype: z.enum([
      'text',
      'image',
      'voice',
      'video',
      'file',
      'link',
      'miniprogram',
      'msgmenu',
      'location',
      'ca_link',
    ]),
  })
  .catchall(z.unknown())
  .refine((m) => typeof m[m.msgtype] === 'object' && m[m.msgtype] !== null, {
    message: 'message body missing',
  });

function kfMessageView(message: KfMessage): Record<string, unknown> {
  if (message.origin === 4) {
    return {
      msgid: message.msgid,
      send_time: message.send_time,
      origin: 4,
      msgtype: 'event',
      event: message.body,
    };
  }
  return {
    msgid: message.msgid,
    open_kfid: message.open_kfid,
    external_userid: message.external_userid,
    send_time: message.send_time,
    origin: message.origin,
    msgtype: message.msgtype,
    [message.msgtype]: message.body,
  };
}

function requireAccount(corp: Corp, openKfid: string) {
  const account = corp.kf.accounts[openKfid];
  if (!account) throw new WxError(95000, openKfid);
  return account;
}

function textOfKf(body: Record<string, unknown>): string {
  const type = String(body.msgtype);
  const inner = body[type] as Record<string, unknown>;
  if (typeof inner.content === 'string') return inner.content;
  if (typeof inner.head_content === 'string') return inner.head_content;
  if (typeof inner.title === 'string') return inner.title;
  return `[${type}]`;
}

function deliverKf(
  ctx: SandboxContext,
  corp: Corp,
  input: { touser: string; open_kfid: string; msgtype: string } & Record<string, unknown>,
  msgid: string,
): void {
  const person = externalPerson(ctx, corp, input.touser);
  const { touser: _t, open_kfid: _o, msgid: _m, code: _c, ...payload } = input;
  deliverToPerson(ctx, person.id, {
    channel: 'kf',
    from: { kind: 'kf', corpid: corp.corpid, open_kfid: input.open_kfid },
    msgtype: input.msgtype,
    text: textOfKf(payload),
    payload,
    ref: msgid,
  });
}

/**
 * WeChat Customer Service (docs 94670, 94677): account/list, sync_msg with cursors and
 * callback tokens, send_msg limited to 5 replies within 48 h of the customer's last message,
 * send_msg_on_event with the enter_session welcome code (20 s, once).
 */
export function registerKfRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/account/list`,
    z.object({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    ({ auth: { corp }, input }) => {
      const accounts = Object.values(corp.kf.accounts);
      const offset = input.offset ?? 0;
      return { account_list: accounts.slice(offset, offset + (input.limit ?? 100)) };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/sync_msg`,
    z.object({
      cursor: z.string().optional(),
      token: z.string().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      voice_format: z.number().int().optional(),
      open_kfid: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const now = ctx.now();
      if (input.token) {
        const token = corp.kf.tokens[input.token];
        if (!token || token.expiresAt < now) throw new WxError(95007);
      }
      if (input.open_kfid) requireAccount(corp, input.open_kfid);
      const limit = input.limit ?? 1000;
      const log = corp.kf.messages;
      let position = decodeCursor(input.cursor);
      const msgList: Record<string, unknown>[] = [];
      while (position < log.length && msgList.length < limit) {
        const message = log[position]!;
        position += 1;
        if (input.open_kfid && message.open_kfid !== input.open_kfid) continue;
        if (now - message.send_time * 1000 > THREE_DAYS_MS) continue;
        msgList.push(kfMessageView(message));
      }
      return {
        next_cursor: encodeCursor(position),
        has_more: position < log.length ? 1 : 0,
        msg_list: msgList,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/send_msg`,
    z.intersection(
      z.object({
        touser: z.string().min(1),
        open_kfid: z.string().min(1),
        msgid: z.string().optional(),
      }),
      messageBody,
    ),
    ({ auth: { corp }, input }) => {
      requireAccount(corp, input.open_kfid);
      externalPerson(ctx, corp, input.touser);
      const window = corp.kf.sent[`${input.open_kfid}|${input.touser}`];
      const rules = ctx.state.rules.kfWindow;
      if (
        !window ||
        ctx.now() - window.lastCustomerMessageAt > rules.ms ||
        window.replies >= rules.count
      ) {
        throw new WxError(95001);
      }
      window.replies += 1;
      const msgid = input.msgid ?? ctx.ids.chars('', 32);
      deliverKf(ctx, corp, input, msgid);
      return { msgid };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/send_msg_on_event`,
    z.intersection(
      z.object({ code: z.string().min(1), msgid: z.string().optional() }),
      messageBody,
    ),
    ({ auth: { corp }, input }) => {
      const code = corp.kf.eventCodes[input.code];
      if (!code || code.used || ctx.now() - code.issuedAt > ctx.state.rules.kfEventCodeTtlMs) {
        throw new WxError(40029);
      }
      code.used = true;
      const msgid = input.msgid ?? ctx.ids.chars('', 32);
      deliverKf(
        ctx,
        corp,
        { ...input, touser: code.external_userid, open_kfid: code.open_kfid },
        msgid,
      );
      return { msgid };
    },
  );
}
