import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { deliverWecomContent } from '../core/inbox.js';
import { personByExternalUserid } from '../core/lookup.js';
import { WxError } from '../http/wx-error.js';
import type { MomentTask } from '../state/campaigns.js';
import { activeEmployees, departmentTree, type Corp } from '../state/corp.js';
import { findTag } from '../state/tags.js';
import { attachmentSchema, wecomRoute } from './common.js';

const BASE = '/cgi-bin/externalcontact';

const input = z.object({
  text: z.object({ content: z.string().max(2000) }).optional(),
  attachments: z.array(attachmentSchema).max(9).optional(),
  visible_range: z
    .object({
      sender_list: z
        .object({
          user_list: z.array(z.string()).optional(),
          department_list: z.array(z.number().int()).optional(),
        })
        .optional(),
      external_contact_list: z.object({ tag_list: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
});

/** Senders named by the visible range (everyone with customer contact when none is named). */
function senders(corp: Corp, task: MomentTask): string[] {
  const users = task.visible_range.sender_list?.user_list ?? [];
  const departments = task.visible_range.sender_list?.department_list ?? [];
  const eligible = activeEmployees(corp).filter((e) => e.customerContact);
  if (users.length + departments.length === 0) return eligible.map((e) => e.userid);
  const inDepartments = new Set(departments.flatMap((d) => [...departmentTree(corp, d)]));
  return eligible
    .filter((e) => users.includes(e.userid) || e.department.some((d) => inDepartments.has(d)))
    .map((e) => e.userid);
}

/** Posts the moment to the feeds of the senders' customers (filtered by tag when asked). */
function publish(ctx: SandboxContext, corp: Corp, task: MomentTask): void {
  const from = new Set(senders(corp, task));
  const tags = task.visible_range.external_contact_list?.tag_list ?? [];
  const seen = new Set<string>();
  for (const [externalUserid, byUser] of Object.entries(corp.follows)) {
    const follow = Object.values(byUser).find(
      (f) => from.has(f.userid) && (tags.length === 0 || f.tag_id.some((t) => tags.includes(t))),
    );
    const person = follow && personByExternalUserid(ctx, corp, externalUserid);
    if (!follow || !person || seen.has(person.id)) continue;
    seen.add(person.id);
    deliverWecomContent(ctx, person.id, {
      channel: 'wecom_moment',
      from: { kind: 'employee', corpid: corp.corpid, userid: follow.userid },
      content: task.content,
      ref: task.moment_id,
      msgtype: 'moment',
    });
  }
}

/**
 * Moments (客户朋友圈): add_moment_task returns a jobid; get_moment_task_result reports the
 * moment id. The sandbox publishes at once (the real client asks each sender to confirm).
 */
export function registerMomentRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(app, ctx, 'POST', `${BASE}/add_moment_task`, input, ({ auth: { corp }, input }) => {
    if (!input.text?.content && !input.attachments?.length)
      throw new WxError(40058, 'text or attachments required');
    const users = input.visible_range?.sender_list?.user_list ?? [];
    const tagList = input.visible_range?.external_contact_list?.tag_list ?? [];
    const task: MomentTask = {
      jobid: ctx.ids.chars('', 32),
      moment_id: ctx.ids.chars('mom', 32),
      content: {
        ...(input.text ? { text: input.text } : {}),
        ...(input.attachments ? { attachments: input.attachments } : {}),
      },
      visible_range: input.visible_range ?? {},
      invalidSenders: users.filter((u) => !corp.employees[u] || corp.employees[u].status === 5),
      invalidTags: tagList.filter((t) => !findTag(corp.tagGroups, t)),
      createdAt: ctx.now(),
    };
    corp.moments[task.jobid] = task;
    publish(ctx, corp, task);
    return { jobid: task.jobid };
  });

  wecomRoute(
    app,
    ctx,
    'GET',
    `${BASE}/get_moment_task_result`,
    z.object({ jobid: z.string().min(1) }),
    ({ auth: { corp }, input }) => {
      const task = corp.moments[input.jobid];
      if (!task) throw new WxError(40058, 'jobid');
      return {
        status: 3,
        type: 'add_moment_task',
        result: {
          errcode: 0,
          errmsg: 'ok',
          moment_id: task.moment_id,
          invalid_sender_list: { user_list: task.invalidSenders, department_list: [] },
          invalid_external_contact_list: { tag_list: task.invalidTags },
        },
      };
    },
  );
}
