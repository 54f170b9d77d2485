import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee, personByExternalUserid } from '../core/lookup.js';
import { paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { MassRecipient, MassTemplate } from '../state/campaigns.js';
import type { Corp } from '../state/corp.js';
import { assertHasContent, followsOf, messageContentSchema, wecomRoute } from './common.js';

const BASE = '/cgi-bin/externalcontact';

const addInput = z.object({
  chat_type: z.enum(['single', 'group']).optional(),
  external_userid: z.array(z.string()).max(10_000).optional(),
  chat_id_list: z.array(z.string()).max(2000).optional(),
  tag_filter: z
    .object({ group_list: z.array(z.object({ tag_list: z.array(z.string()) })) })
    .optional(),
  sender: z.string().optional(),
  allow_select: z.boolean().optional(),
  ...messageContentSchema,
});

function requireTemplate(corp: Corp, msgid: string): MassTemplate {
  const template = corp.massTemplates[msgid];
  if (!template) throw new WxError(40058, `msgid ${msgid} not found`);
  return template;
}

/** Customers matching every tag group of the filter (any tag within a group). */
function matchesTagFilter(
  tagIds: string[],
  filter: z.infer<typeof addInput>['tag_filter'],
): boolean {
  if (!filter) return true;
  return filter.group_list.every(
    (g) => g.tag_list.length === 0 || g.tag_list.some((t) => tagIds.includes(t)),
  );
}

function singleRecipients(
  ctx: SandboxContext,
  corp: Corp,
  input: z.infer<typeof addInput>,
): { recipients: MassRecipient[]; fail_list: string[] } {
  const targets =
    input.external_userid ??
    Object.keys(corp.follows).filter((id) =>
      followsOf(corp, id).some((f) => f.userid === input.sender),
    );
  const recipients: MassRecipient[] = [];
  const fail_list: string[] = [];
  for (const externalUserid of new Set(targets)) {
    const follows = followsOf(corp, externalUserid)
      .filter((f) => input.sender === undefined || f.userid === input.sender)
      .filter((f) => findEmployee(corp, f.userid) !== undefined)
      .filter((f) => matchesTagFilter(f.tag_id, input.tag_filter))
      .sort((a, b) => a.createtime - b.createtime);
    const follow = follows[0];
    if (!follow || !personByExternalUserid(ctx, corp, externalUserid)) {
      fail_list.push(externalUserid);
      continue;
    }
    recipients.push({
      userid: follow.userid,
      external_userid: externalUserid,
      status: 0,
      send_time: 0,
    });
  }
  return { recipients, fail_list };
}

function groupRecipients(corp: Corp, input: z.infer<typeof addInput>): MassRecipient[] {
  const chats = input.chat_id_list
    ? input.chat_id_list.map((id) => corp.groups[id]).filter((g) => g !== undefined)
    : Object.values(corp.groups).filter((g) => g.owner === input.sender);
  return chats
    .filter((g) => !g.dismissed && (input.sender === undefined || g.owner === input.sender))
    .map((g) => ({ userid: g.owner, chat_id: g.chat_id, status: 0, send_time: 0 }));
}

const recipientView = (r: MassRecipient) => ({
  ...(r.external_userid !== undefined ? { external_userid: r.external_userid } : {}),
  ...(r.chat_id !== undefined ? { chat_id: r.chat_id } : {}),
  userid: r.userid,
  status: r.status,
  ...(r.send_time ? { send_time: r.send_time } : {}),
});

/**
 * Mass send (doc 92135, 93338): a template is created with every recipient "not sent"; it goes
 * out per employee only when that employee confirms it (control API), subject to quotas.
 */
export function registerMassSendRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/add_msg_template`,
    addInput,
    ({ auth: { corp }, input }) => {
      assertHasContent(input);
      const chatType = input.chat_type ?? 'single';
      if (input.sender !== undefined && !findEmployee(corp, input.sender))
        throw new WxError(60111, input.sender);
      if (chatType === 'single' && !input.sender && !input.external_userid?.length) {
        throw new WxError(40058, 'external_userid or sender required');
      }
      if (chatType === 'group' && !input.sender && !input.chat_id_list?.length) {
        throw new WxError(40058, 'chat_id_list or sender required');
      }
      const { recipients, fail_list } =
        chatType === 'single'
          ? singleRecipients(ctx, corp, input)
          : { recipients: groupRecipients(corp, input), fail_list: [] };
      const template: MassTemplate = {
        msgid: ctx.ids.chars('msg', 32),
        chat_type: chatType,
        creator: input.sender ?? '',
        create_type: 0,
        content: {
          ...(input.text ? { text: input.text } : {}),
          ...(input.attachments ? { attachments: input.attachments } : {}),
        },
        create_time: ctx.seconds(),
        tasks: Object.fromEntries(
          recipients.map((r) => [r.userid, { status: 0 as const, send_time: 0 }]),
        ),
        recipients,
      };
      corp.massTemplates[template.msgid] = template;
      return { fail_list, msgid: template.msgid };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_groupmsg_list_v2`,
    z.object({
      chat_type: z.enum(['single', 'group']),
      start_time: z.number().int(),
      end_time: z.number().int(),
      creator: z.string().optional(),
      filter_type: z.number().int().min(0).max(2).optional(),
      limit: z.number().int().min(1).max(100).optional(),
      cursor: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      if (input.end_time < input.start_time || input.end_time - input.start_time > 31 * 86400) {
        throw new WxError(40058, 'start_time/end_time');
      }
      const filter = input.filter_type ?? 2;
      const list = Object.values(corp.massTemplates)
        .filter((t) => t.chat_type === input.chat_type)
        .filter((t) => t.create_time >= input.start_time && t.create_time <= input.end_time)
        .filter((t) => input.creator === undefined || t.creator === input.creator)
        .filter((t) => filter === 2 || t.create_type === filter)
        .sort((a, b) => a.create_time - b.create_time);
      const { page, next_cursor } = paginate(list, input.cursor, input.limit ?? 50);
      return {
        group_msg_list: page.map((t) => ({
          msgid: t.msgid,
          ...(t.create_type === 1 ? { creator: t.creator } : {}),
          create_time: t.create_time,
          create_type: t.create_type,
          ...t.content,
        })),
        next_cursor,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_groupmsg_task`,
    z.object({
      msgid: z.string().min(1),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const template = requireTemplate(corp, input.msgid);
      const tasks = Object.entries(template.tasks).map(([userid, task]) => ({
        userid,
        status: task.status,
        ...(task.send_time ? { send_time: task.send_time } : {}),
      }));
      const { page, next_cursor } = paginate(tasks, input.cursor, input.limit ?? 500);
      return { task_list: page, next_cursor };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_groupmsg_send_result`,
    z.object({
      msgid: z.string().min(1),
      userid: z.string().trim().min(1),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const template = requireTemplate(corp, input.msgid);
      const rows = template.recipients.filter((r) => r.userid === input.userid).map(recipientView);
      const { page, next_cursor } = paginate(rows, input.cursor, input.limit ?? 500);
      return { send_list: page, next_cursor };
    },
  );
}
