import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee, personByExternalUserid } from '../core/lookup.js';
import { registerApi, type ApiCall } from '../http/api-route.js';
import { wecomCaller, type WecomCaller } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';
import type { Follow } from '../state/contacts.js';
import type { Corp, Employee } from '../state/corp.js';
import type { WechatUser } from '../state/people.js';

export type WecomCall<I> = ApiCall<WecomCaller, I>;

/** Which secrets may call which APIs: self-built apps all, the contact secret customer contact, the kf secret kf. */
function assertScope(caller: WecomCaller, path: string): void {
  const kind = caller.app.kind;
  if (kind === 'app') return;
  const isKf = path.startsWith('/cgi-bin/kf/');
  if (kind === 'kf' ? !isKf : isKf || path.startsWith('/cgi-bin/message/')) {
    throw new WxError(48002);
  }
}

/** Registers a WeCom API route (access_token required, errcode envelope). */
export function wecomRoute<S extends z.ZodType>(
  app: HttpServer,
  ctx: SandboxContext,
  method: 'GET' | 'POST',
  path: string,
  input: S,
  handler: (
    call: WecomCall<z.infer<S>>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>,
): void {
  registerApi(app, ctx, {
    platform: 'wecom',
    method,
    path,
    input,
    envelope: true,
    authenticate: (c, query) => {
      const caller = wecomCaller(c, query);
      assertScope(caller, path);
      return caller;
    },
    handler,
  });
}

/** An employee who may serve customers: unknown or resigned → 60111, no permission → 84074. */
export function contactEmployee(corp: Corp, userid: string): Employee {
  const employee = findEmployee(corp, userid);
  if (!employee) throw new WxError(60111, userid);
  if (!employee.customerContact) throw new WxError(84074, userid);
  return employee;
}

/** The person behind an external_userid of this corp, or 40096. */
export function externalPerson(
  ctx: SandboxContext,
  corp: Corp,
  externalUserid: string,
): WechatUser {
  const person = personByExternalUserid(ctx, corp, externalUserid);
  if (!person) throw new WxError(40096, externalUserid);
  return person;
}

/** The follow between an employee and a customer, or 84061. */
export function requireFollow(corp: Corp, externalUserid: string, userid: string): Follow {
  const follow = corp.follows[externalUserid]?.[userid];
  if (!follow) throw new WxError(84061);
  return follow;
}

export function followsOf(corp: Corp, externalUserid: string): Follow[] {
  return Object.values(corp.follows[externalUserid] ?? {});
}

/** Strings the platform caps by UTF-8 bytes or characters. */
export const maxChars = (n: number) => z.string().max(n);
export const maxBytes = (n: number) =>
  z.string().refine((s) => Buffer.byteLength(s, 'utf8') <= n, `at most ${n} bytes`);

/** WeCom message bodies: text plus up to 9 attachments, as in send_welcome_msg / add_msg_template. */
export const attachmentSchema = z
  .object({ msgtype: z.enum(['image', 'link', 'miniprogram', 'video', 'file']) })
  .catchall(z.unknown())
  .refine((a) => typeof a[a.msgtype] === 'object' && a[a.msgtype] !== null, {
    message: 'attachment body missing for its msgtype',
  });

export const messageContentSchema = {
  text: z.object({ content: maxBytes(4000) }).optional(),
  attachments: z.array(attachmentSchema).max(9).optional(),
};

export function assertHasContent(content: {
  text?: { content: string } | undefined;
  attachments?: unknown[] | undefined;
}): void {
  if (!content.text?.content && !(content.attachments && content.attachments.length > 0)) {
    throw new WxError(40058, 'text or attachments required');
  }
}
