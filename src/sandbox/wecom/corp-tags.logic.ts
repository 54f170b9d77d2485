import type { SandboxContext } from '../core/context.js';
import { WxError } from '../http/wx-error.js';
import type { Follow } from '../state/contacts.js';
import type { Corp } from '../state/corp.js';
import { findTag, type Tag, type TagGroup } from '../state/tags.js';

/**
 * Changes of the corp tag library and of a customer's tags, shared by the API (which pushes
 * nothing: API changes fire no callback) and the control API (changes made in WeCom itself,
 * which push the callbacks). Invalid input throws the platform's WxError.
 */

const MAX_CORP_TAGS = 3000;

/** One change_external_tag event. */
export interface TagChange {
  id: string;
  tagType: 'tag' | 'tag_group';
  changeType: 'create' | 'update' | 'delete';
}

function tagCount(corp: Corp): number {
  return corp.tagGroups.reduce((n, g) => n + g.tag.length, 0);
}

/**
 * Adds tags to a group (creating the group when needed). The changes: a new group is one
 * tag_group create, else one tag create per tag.
 */
export function addCorpTags(
  ctx: SandboxContext,
  corp: Corp,
  input: {
    group_id?: string;
    group_name?: string;
    order?: number;
    tag: { name: string; order?: number }[];
  },
): { group: TagGroup; created: Tag[]; changes: TagChange[] } {
  let group = input.group_id
    ? corp.tagGroups.find((g) => g.group_id === input.group_id)
    : corp.tagGroups.find((g) => g.group_name === input.group_name);
  if (input.group_id && !group) throw new WxError(40068, input.group_id);
  if (!group && !input.group_name) throw new WxError(40058, 'group_id or group_name required');
  if (tagCount(corp) + input.tag.length > MAX_CORP_TAGS)
    throw new WxError(40058, 'too many corp tags');
  const names = new Set(group?.tag.map((t) => t.name));
  for (const spec of input.tag) {
    if (names.has(spec.name)) throw new WxError(40071, spec.name);
    names.add(spec.name);
  }
  const groupCreated = !group;
  if (!group) {
    group = {
      group_id: ctx.ids.chars('et', 32),
      group_name: input.group_name!,
      create_time: ctx.seconds(),
      order: input.order ?? 0,
      tag: [],
    };
    corp.tagGroups.push(group);
  }
  const created = input.tag.map((spec) => ({
    id: ctx.ids.chars('et', 32),
    name: spec.name,
    create_time: ctx.seconds(),
    order: spec.order ?? 0,
  }));
  group.tag.push(...created);
  const changes: TagChange[] = groupCreated
    ? [{ id: group.group_id, tagType: 'tag_group', changeType: 'create' }]
    : created.map((t) => ({ id: t.id, tagType: 'tag', changeType: 'create' }));
  return { group, created, changes };
}

/** Renames or reorders a tag or a group (40068 unknown id, 40071 a sibling has the name). */
export function editCorpTag(
  corp: Corp,
  input: { id: string; name?: string; order?: number },
): TagChange {
  const group = corp.tagGroups.find((g) => g.group_id === input.id);
  if (group) {
    if (corp.tagGroups.some((g) => g !== group && g.group_name === input.name))
      throw new WxError(40071, input.name);
    if (input.name !== undefined) group.group_name = input.name;
    if (input.order !== undefined) group.order = input.order;
    return { id: group.group_id, tagType: 'tag_group', changeType: 'update' };
  }
  const found = findTag(corp.tagGroups, input.id);
  if (!found) throw new WxError(40068, input.id);
  if (found.group.tag.some((t) => t !== found.tag && t.name === input.name))
    throw new WxError(40071, input.name);
  if (input.name !== undefined) found.tag.name = input.name;
  if (input.order !== undefined) found.tag.order = input.order;
  return { id: found.tag.id, tagType: 'tag', changeType: 'update' };
}

function removeTagsFromFollows(corp: Corp, ids: Set<string>): void {
  for (const byUser of Object.values(corp.follows)) {
    for (const follow of Object.values(byUser)) {
      if (follow.tag_id.some((id) => ids.has(id)))
        follow.tag_id = follow.tag_id.filter((id) => !ids.has(id));
    }
  }
}

/** Deletes tags and groups (a group left empty goes too) and their marks on customers. */
export function deleteCorpTags(
  corp: Corp,
  input: { tagIds: string[]; groupIds: string[] },
): TagChange[] {
  const { tagIds, groupIds } = input;
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
  corp.tagGroups = corp.tagGroups.filter((g) => g.tag.length > 0 && !groupIds.includes(g.group_id));
  removeTagsFromFollows(corp, removed);
  return [
    ...groupIds.map((id): TagChange => ({ id, tagType: 'tag_group', changeType: 'delete' })),
    ...tagIds.map((id): TagChange => ({ id, tagType: 'tag', changeType: 'delete' })),
  ];
}

/** Adds and removes corp tags on a friendship (40068 an unknown tag); true when it changed. */
export function markFollowTags(
  corp: Corp,
  follow: Follow,
  input: { add: string[]; remove: string[] },
): boolean {
  if (input.add.length + input.remove.length === 0)
    throw new WxError(40058, 'add_tag or remove_tag required');
  for (const id of [...input.add, ...input.remove])
    if (!findTag(corp.tagGroups, id)) throw new WxError(40068, id);
  const next = new Set(follow.tag_id);
  for (const id of input.add) next.add(id);
  for (const id of input.remove) next.delete(id);
  const changed = next.size !== follow.tag_id.length || follow.tag_id.some((id) => !next.has(id));
  follow.tag_id = [...next];
  return changed;
}
