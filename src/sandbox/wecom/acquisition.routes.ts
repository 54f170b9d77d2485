import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { paginate } from '../http/pagination.js';
import { WxError } from '../http/wx-error.js';
import type { AcquisitionLink } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { contactEmployee, wecomRoute } from './common.js';
import { removeKey } from '../state/records.js';

const BASE = '/cgi-bin/externalcontact/customer_acquisition';

const rangeSchema = z.object({
  user_list: z.array(z.string()).optional(),
  department_list: z.array(z.number().int()).optional(),
});

function requireLink(corp: Corp, linkId: string): AcquisitionLink {
  const link = corp.links[linkId];
  if (!link) throw new WxError(40058, `link_id ${linkId} not found`);
  return link;
}

function checkRange(corp: Corp, range: z.infer<typeof rangeSchema>): AcquisitionLink['range'] {
  const users = range.user_list ?? [];
  const departments = range.department_list ?? [];
  if (users.length + departments.length === 0) throw new WxError(40058, 'range required');
  for (const userid of users) contactEmployee(corp, userid);
  for (const id of departments) {
    if (!corp.departments.some((d) => d.id === id)) throw new WxError(60123, String(id));
  }
  return { user_list: users, department_list: departments };
}

/** 获客链接 (doc 97297, 97298): create/list/get/update/delete and the customers it brought. */
export function registerAcquisitionRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/create_link`,
    z.object({
      link_name: z.string().min(1).max(30),
      range: rangeSchema,
      skip_verify: z.boolean().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const linkId = `cawcde${ctx.ids.hex(26)}`;
      const link: AcquisitionLink = {
        link_id: linkId,
        link_name: input.link_name,
        url: `${ctx.publicUrl}/sandbox/ca/${linkId}`,
        create_time: ctx.seconds(),
        skip_verify: input.skip_verify ?? true,
        range: checkRange(corp, input.range),
        nextIndex: 0,
        customers: [],
      };
      corp.links[linkId] = link;
      const { link_id, link_name, url, create_time } = link;
      return { link: { link_id, link_name, url, create_time } };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/list_link`,
    z.object({ limit: z.number().int().min(1).max(100).optional(), cursor: z.string().optional() }),
    ({ auth: { corp }, input }) => {
      const links = Object.values(corp.links).sort((a, b) => a.create_time - b.create_time);
      const { page, next_cursor } = paginate(links, input.cursor, input.limit ?? 100);
      return { link_id_list: page.map((l) => l.link_id), next_cursor };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get`,
    z.object({ link_id: z.string().min(1) }),
    ({ auth: { corp }, input }) => {
      const link = requireLink(corp, input.link_id);
      return {
        link: {
          link_name: link.link_name,
          url: link.url,
          create_time: link.create_time,
          skip_verify: link.skip_verify,
        },
        range: link.range,
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/update_link`,
    z.object({
      link_id: z.string().min(1),
      link_name: z.string().min(1).max(30).optional(),
      range: rangeSchema.optional(),
      skip_verify: z.boolean().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const link = requireLink(corp, input.link_id);
      if (input.link_name !== undefined) link.link_name = input.link_name;
      if (input.range !== undefined) link.range = checkRange(corp, input.range);
      if (input.skip_verify !== undefined) link.skip_verify = input.skip_verify;
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/delete_link`,
    z.object({ link_id: z.string().min(1) }),
    ({ auth: { corp }, input }) => {
      requireLink(corp, input.link_id);
      removeKey(corp.links, input.link_id);
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/customer`,
    z.object({
      link_id: z.string().min(1),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const link = requireLink(corp, input.link_id);
      const { page, next_cursor } = paginate(link.customers, input.cursor, input.limit ?? 1000);
      return { customer_list: page, next_cursor };
    },
  );
}
