import type { ApiCaller } from '../../shared/api-call.js';
import { fromUnixSeconds } from '../../shared/wire.js';

export interface CorpTag {
  id: string;
  name: string;
  createdAt: number | null;
  order: number;
  deleted: boolean;
}

export interface CorpTagGroup {
  id: string;
  name: string;
  createdAt: number | null;
  order: number;
  deleted: boolean;
  tags: CorpTag[];
}

interface CorpTagWire {
  id?: string;
  name?: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
}

interface CorpTagGroupWire {
  group_id?: string;
  group_name?: string;
  create_time?: number;
  order?: number;
  deleted?: boolean;
  tag?: CorpTagWire[];
}

function tagFromWire(t: CorpTagWire): CorpTag {
  return {
    id: t.id ?? '',
    name: t.name ?? '',
    createdAt: fromUnixSeconds(t.create_time),
    order: t.order ?? 0,
    deleted: t.deleted ?? false,
  };
}

function groupFromWire(g: CorpTagGroupWire): CorpTagGroup {
  const fields = tagFromWire({ ...g, id: g.group_id, name: g.group_name });
  return { ...fields, tags: (g.tag ?? []).map(tagFromWire) };
}

const base = '/cgi-bin/externalcontact';

export function corpTagsApi(api: ApiCaller) {
  return {
    /** All corp tag groups, or only those holding the given tags or groups. */
    async list(filter: { tagIds?: string[]; groupIds?: string[] } = {}): Promise<CorpTagGroup[]> {
      const res = await api.post<{ tag_group?: CorpTagGroupWire[] }>(`${base}/get_corp_tag_list`, {
        tag_id: filter.tagIds,
        group_id: filter.groupIds,
      });
      return (res.tag_group ?? []).map(groupFromWire);
    },

    /** Adds tags to an existing group (by id) or to a group created or found by name. */
    async add(input: {
      groupId?: string;
      groupName?: string;
      groupOrder?: number;
      tags: { name: string; order?: number }[];
    }): Promise<CorpTagGroup> {
      const res = await api.post<{ tag_group?: CorpTagGroupWire }>(
        `${base}/add_corp_tag`,
        {
          group_id: input.groupId,
          group_name: input.groupName,
          order: input.groupOrder,
          tag: input.tags.map((t) => ({ name: t.name, order: t.order })),
        },
        { sideEffect: true },
      );
      return groupFromWire(res.tag_group ?? {});
    },

    /** Renames or reorders a tag or a tag group (both have ids). */
    async edit(input: { id: string; name?: string; order?: number }): Promise<void> {
      await api.post(`${base}/edit_corp_tag`, {
        id: input.id,
        name: input.name,
        order: input.order,
      });
    },

    /** Deletes tags and whole groups (a group with no tag left disappears too). */
    async delete(input: { tagIds?: string[]; groupIds?: string[] }): Promise<void> {
      await api.post(`${base}/del_corp_tag`, {
        tag_id: input.tagIds,
        group_id: input.groupIds,
      });
    },

    /** Adds and removes corp tags on a customer, as seen by one employee. */
    async mark(input: {
      userId: string;
      externalUserId: string;
      addTagIds?: string[];
      removeTagIds?: string[];
    }): Promise<void> {
      await api.post(`${base}/mark_tag`, {
        userid: input.userId,
        external_userid: input.externalUserId,
        add_tag: input.addTagIds,
        remove_tag: input.removeTagIds,
      });
    },
  };
}

export type CorpTagsApi = ReturnType<typeof corpTagsApi>;
