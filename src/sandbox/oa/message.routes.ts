import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { deliverToPerson } from '../core/inbox.js';
import { requireOa } from '../http/auth.js';
import { WxError } from '../http/wx-error.js';
import { oaEventXml, pushOa } from '../pusher/oa-events.js';
import { activeFollower, oaPerson, wechatRoute } from './common.js';
import { consumeWindow } from './windows.js';

const customInput = z
  .object({
    touser: z.string().min(1),
    msgtype: z.enum([
      'text',
      'image',
      'voice',
      'video',
      'music',
      'news',
      'mpnews',
      'mpnewsarticle',
      'msgmenu',
      'wxcard',
      'miniprogrampage',
    ]),
  })
  .catchall(z.unknown())
  .refine((m) => typeof m[m.msgtype] === 'object' && m[m.msgtype] !== null, {
    message: 'message body missing',
  });

const templateInput = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  url: z.string().optional(),
  miniprogram: z.object({ appid: z.string(), pagepath: z.string().optional() }).optional(),
  data: z.record(z.string(), z.object({ value: z.string(), color: z.string().optional() })),
  client_msg_id: z.string().optional(),
});

function customText(body: Record<string, unknown>, msgtype: string): string {
  const inner = body[msgtype] as Record<string, unknown>;
  if (typeof inner.content === 'string') return inner.content;
  if (typeof inner.title === 'string') return inner.title;
  const articles = inner.articles as { title?: string }[] | undefined;
  if (articles?.[0]?.title) return articles[0].title;
  if (typeof inner.head_content === 'string') return inner.head_content;
  return `[${msgtype}]`;
}

/** custom/send (service windows enforced) and template/send (TEMPLATESENDJOBFINISH pushed after). */
export function registerOaMessageRoutes(app: HttpServer, ctx: SandboxContext): void {
  wechatRoute(app, ctx, {
    method: 'POST',
    path: '/cgi-bin/message/custom/send',
    input: customInput,
    envelope: true,
    handler: ({ auth, input }) => {
      const oa = requireOa(auth);
      const person = oaPerson(ctx, oa, input.touser);
      if (!activeFollower(oa, input.touser)) throw new WxError(45015);
      consumeWindow(ctx.state.rules, oa, input.touser, ctx.now());
      const { touser: _t, customservice: _c, ...payload } = input;
      deliverToPerson(ctx, person.id, {
        channel: 'oa_custom',
        from: { kind: 'oa', appid: oa.appid },
        msgtype: input.msgtype,
        text: customText(payload, input.msgtype),
        payload,
        ref: '',
      });
      return {};
    },
  });

  wechatRoute(app, ctx, {
    method: 'POST',
    path: '/cgi-bin/message/template/send',
    input: templateInput,
    envelope: true,
    handler: ({ auth, input }) => {
      const oa = requireOa(auth);
      if (!oa.templates[input.template_id]) throw new WxError(40037);
      const person = oaPerson(ctx, oa, input.touser);
      if (!activeFollower(oa, input.touser)) throw new WxError(43004);
      const msgid = ctx.ids.digits(10);
      const { touser: _t, client_msg_id: _c, ...payload } = input;
      const first = Object.values(input.data)[0]?.value ?? oa.templates[input.template_id]!.title;
      deliverToPerson(ctx, person.id, {
        channel: 'oa_template',
        from: { kind: 'oa', appid: oa.appid },
        msgtype: 'template',
        text: first,
        payload,
        ref: msgid,
      });
      pushOa(
        ctx,
        oa,
        input.touser,
        'TEMPLATESENDJOBFINISH',
        oaEventXml(oa, input.touser, ctx.seconds(), {
          event: 'TEMPLATESENDJOBFINISH',
          msgId: msgid,
          status: 'success',
        }),
      );
      return { msgid: Number(msgid) };
    },
  });

  wechatRoute(app, ctx, {
    method: 'GET',
    path: '/cgi-bin/template/get_all_private_template',
    input: z.object({}),
    envelope: false,
    handler: ({ auth }) => ({
      template_list: Object.values(requireOa(auth).templates).map((t) => ({
        template_id: t.template_id,
        title: t.title,
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content: t.content,
        example: '',
      })),
    }),
  });
}
