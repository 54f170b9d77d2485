import { z } from 'zod';
import type { HttpServer } from '../../platform/http/server.js';
import type { SandboxContext } from '../core/context.js';
import { findEmployee } from '../core/lookup.js';
import { WxError } from '../http/wx-error.js';
import type { Corp } from '../state/corp.js';
import { externalContactXml, externalTagXml, pushWecom } from '../pusher/wecom-events.js';
import { findTag, type Tag, type TagGroup } from '../state/tags.js';
import { externalPerson, maxChars, requireFollow, wecomRoute } from './common.js';

const BASE = '/cgi-bin/externalcontact';
const MAX_CORP_TAGS = 3000;

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

function tagCount(corp: Corp): number {
  return corp.tagGroups.reduce((n, g) => n + g.tag.length, 0);
}

function removeTagsFromFollows(corp: Corp, ids: Set<string>): void {
  for (const byUser of Object.values(corp.follows)) {
    for (const follow of Object.values(byUser)) {
      if (follow.tag_id.some((id) => ids.has(id)))
        follow.tag_id = follow.tag_id.filter((id) => !ids.has(id));
    }
  }
}

/** Adds tags to a group (creating the group when needed); shared with the demo seed. */
export function addCorpTags(
  ctx: SandboxContext,
  corp: Corp,
  input: {
    group_id?: string;
    group_name?: string;
    order?: number;
    tag: { name: string; order?: number }[];
  },
): { group: TagGroup; created: Tag[]; groupCreated: boolean } {
  let group = input.group_id
    ? corp.tagGroups.find((g) => g.group_id === input.group_id)
    : corp.tagGroups.find((g) => g.group_name === input.group_name);
  if (input.group_id && !group) throw new WxError(40068, input.group_id);
  const groupCreated = !group;
  if (!group) {
    if (!input.group_name) throw new WxError(40058, 'group_id or group_name required');
    group = {
      group_id: ctx.ids.chars('et', 32),
      group_name: input.group_name,
      create_time: ctx.seconds(),
      order: input.order ?? 0,
      tag: [],
    };
    corp.tagGroups.push(group);
  }
  if (tagCount(corp) + input.tag.length > MAX_CORP_TAGS)
    throw new WxError(40058, 'too many corp tags');
  const created: Tag[] = [];
  for (const spec of input.tag) {
    if (group.tag.some((t) => t.name === spec.name)) throw new WxError(40071, spec.name);
    const tag = {
      id: ctx.ids.chars('et', 32),
      name: spec.name,
      create_time: ctx.seconds(),
      order: spec.order ?? 0,
    };
    group.tag.push(tag);
    created.push(tag);
  }
  return { group, created, groupCreated };
}

type TagChange = Parameters<typeof externalTagXml>[2];

/** As the platform does, API changes of the tag library fire change_external_tag too. */
function pushTagChanges(ctx: SandboxContext, corp: Corp, changes: TagChange[]): void {
  if (changes.length > 0) ctx.changed();
  for (const change of changes) {
    pushWecom(
      ctx,
      corp,
      `change_external_tag/${change.changeType}`,
      externalTagXml(corp, ctx.seconds(), change),
    );
  }
}

/**
 * Corp tags (doc 92117) and mark_tag (doc 92118). Library changes push change_external_tag
 * (a new group: one tag_group create; else one event per tag); a mark_tag that changes a
 * customer's tags pushes change_external_contact/edit_external_contact for the pair.
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
      const { group, created, groupCreated } = addCorpTags(ctx, corp, input);
      pushTagChanges(
        ctx,
        corp,
        groupCreated
          ? [{ id: group.group_id, tagType: 'tag_group', changeType: 'create' }]
          : created.map((t) => ({ id: t.id, tagType: 'tag', changeType: 'create' })),
      );
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
      const group = corp.tagGroups.find((g) => g.group_id === input.id);
      if (group) {
        if (
          input.name !== undefined &&
          corp.tagGroups.some((g) => g !== group && g.group_name === input.name)
        ) {
          throw new WxError(40071, input.name);
        }
        if (input.name !== undefined) group.group_name = input.name;
        if (input.order !== undefined) group.order = input.order;
        pushTagChanges(ctx, corp, [
          { id: group.group_id, tagType: 'tag_group', changeType: 'update' },
        ]);
        return {};
      }
      const found = findTag(corp.tagGroups, input.id);
      if (!found) throw new WxError(40068, input.id);
      if (
        input.name !== undefined &&
        found.group.tag.some((t) => t !== found.tag && t.name === input.name)
      ) {
        throw new WxError(40071, input.name);
      }
      if (input.name !== undefined) found.tag.name = input.name;
      if (input.order !== undefined) found.tag.order = input.order;
      pushTagChanges(ctx, corp, [{ id: found.tag.id, tagType: 'tag', changeType: 'update' }]);
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
      const tagIds = input.tag_id ?? [];
      const groupIds = input.group_id ?? [];
      if (tagIds.length + groupIds.length === 0)
        throw new WxError(40058, 'tag_id or group_id required');
      for (const id of tagIds) if (!findTag(corp.tagGroups, id)) throw new WxError(40068, id);
      for (const id of groupIds) {
        if (!corp.tagGroups.some((g) => g.group_id === id)) throw new WxError(40068, id);
      }
      const removed = new Set(tagIds);
      for (const group of corp.tagGroups) {
        if (groupIds.includes(group.group_id)) for (const t of group.tag) removed.add(t.id);
        group.tag = group.tag.filter((t) => !removed.has(t.id));
      }
      corp.tagGroups = corp.tagGroups.filter(
        (g) => g.tag.length > 0 && !groupIds.includes(g.group_id),
      );
      removeTagsFromFollows(corp, removed);
      pushTagChanges(ctx, corp, [
        ...groupIds.map((id) => ({
          id,
          tagType: 'tag_group' as const,
          changeType: 'delete' as const,
        })),
        ...tagIds.map((id) => ({ id, tagType: 'tag' as const, changeType: 'delete' as const })),
      ]);
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
      const add = input.add_tag ?? [];
      const remove = input.remove_tag ?? [];
      if (add.length + remove.length === 0)
        throw new WxError(40058, 'add_tag or remove_tag required');
      for (const id of [...add, ...remove])
        if (!findTag(corp.tagGroups, id)) throw new WxError(40068, id);
      const next = new Set(follow.tag_id);
      for (const id of add) next.add(id);
      for (const id of remove) next.delete(id);
      const changed =
        next.size !== follow.tag_id.length || follow.tag_id.some((id) => !next.has(id));
      follow.tag_id = [...next];
      if (changed) {
        ctx.changed();
        pushWecom(
          ctx,
          corp,
          'change_external_contact/edit_external_contact',
          externalContactXml(corp, ctx.seconds(), {
            changeType: 'edit_external_contact',
            userid: follow.userid,
            externalUserid: follow.external_userid,
          }),
        );
      }
      return {};
    },
  );
}
