import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee } from '../core/lookup.js';
import { WxError } from '../http/wx-error.js';
import type { Tag, TagGroup } from '../state/tags.js';
import { externalPerson, maxChars, requireFollow, wecomRoute } from './common.js';
import { addCorpTags, deleteCorpTags, editCorpTag, markFollowTags } from './corp-tags.logic.js';

const BASE = '/cgi-bin/externalcontact';

const tagView = (t: Tag) => ({
  id: t.id,
  name: t.name,
  create_time: t.create_time,
  order: t.order,
  deleted: false,
});
const groupView = (g: TagGroup, tags: Tag[] = g.tag) => ({
  group_id: g.group_id,
  group_name: g.group_name,
  create_time: g.create_time,
  order: g.order,
  deleted: false,
  tag: tags.map(tagView),
});

/**
 * Corp tags (doc 92117) and mark_tag (doc 92118). As on the platform, changes made through the
 * API fire no callback; the control API's corp-tag actions (changes made in WeCom) push them.
 */
export function registerTagRoutes(app: HttpServer, ctx: SandboxContext): void {
  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/get_corp_tag_list`,
    z.object({ tag_id: z.array(z.string()).optional(), group_id: z.array(z.string()).optional() }),
    ({ auth: { corp }, input }) => {
      if (input.group_id?.length) {
        const wanted = new Set(input.group_id);
        return {
          tag_group: corp.tagGroups.filter((g) => wanted.has(g.group_id)).map((g) => groupView(g)),
        };
      }
      if (input.tag_id?.length) {
        const wanted = new Set(input.tag_id);
        return {
          tag_group: corp.tagGroups
            .map((g) => ({ g, tags: g.tag.filter((t) => wanted.has(t.id)) }))
            .filter(({ tags }) => tags.length > 0)
            .map(({ g, tags }) => groupView(g, tags)),
        };
      }
      return { tag_group: corp.tagGroups.map((g) => groupView(g)) };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/add_corp_tag`,
    z.object({
      group_id: z.string().optional(),
      group_name: maxChars(30).optional(),
      order: z.number().int().optional(),
      tag: z
        .array(z.object({ name: maxChars(30).min(1), order: z.number().int().optional() }))
        .min(1),
      agentid: z.number().int().optional(),
    }),
    ({ auth: { corp }, input }) => {
      const { group, created } = addCorpTags(ctx, corp, input);
      ctx.changed();
      const { deleted: _deleted, ...view } = groupView(group, created);
      return {
        tag_group: {
          ...view,
          tag: created.map(({ id, name, create_time, order }) => ({
            id,
            name,
            create_time,
            order,
          })),
        },
      };
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/edit_corp_tag`,
    z.object({
      id: z.string().min(1),
      name: maxChars(30).min(1).optional(),
      order: z.number().int().optional(),
    }),
    ({ auth: { corp }, input }) => {
      editCorpTag(corp, input);
      ctx.changed();
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/del_corp_tag`,
    z.object({ tag_id: z.array(z.string()).optional(), group_id: z.array(z.string()).optional() }),
    ({ auth: { corp }, input }) => {
      deleteCorpTags(corp, { tagIds: input.tag_id ?? [], groupIds: input.group_id ?? [] });
      ctx.changed();
      return {};
    },
  );

  wecomRoute(
    app,
    ctx,
    'POST',
    `${BASE}/mark_tag`,
    z.object({
      userid: z.string().min(1),
      external_userid: z.string().min(1),
      add_tag: z.array(z.string()).optional(),
      remove_tag: z.array(z.string()).optional(),
    }),
    ({ auth: { corp }, input }) => {
      if (!findEmployee(corp, input.userid)) throw new WxError(60111, input.userid);
      externalPerson(ctx, corp, input.external_userid);
      const follow = requireFollow(corp, input.external_userid, input.userid);
      const changed = markFollowTags(corp, follow, {
        add: input.add_tag ?? [],
        remove: input.remove_tag ?? [],
      });
      if (changed) ctx.changed();
      return {};
    },
  );
}
