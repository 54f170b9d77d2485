/** Corp customer tags (企业标签). */

export interface Tag {
  id: string;
  name: string;
  /** Epoch seconds. */
  create_time: number;
  order: number;
}

export interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  tag: Tag[];
}

export function findTag(
  groups: TagGroup[],
  tagId: string,
): { group: TagGroup; tag: Tag } | undefined {
  for (const group of groups) {
    const tag = group.tag.find((t) => t.id === tagId);
    if (tag) return { group, tag };
  }
  return undefined;
}
