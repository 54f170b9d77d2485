import type { Kysely } from 'kysely';
import { isWechatApiError } from '../../channels/shared/api-errors.js';
import type { CorpTagGroup } from '../../channels/wecom/client/corp-tags.js';
import type { Database } from '../../database.js';
import type { WecomClient } from '../connections/platform-clients.js';
import type { PeopleContext } from './people.context.js';
import { updateTagGroupRow, updateTagRows } from './tag.store.js';
import type { TagGroupRow, TagRow } from './tag.table.js';
import { recordTagSyncIssue, type TagSyncIssueInput } from './wecom-tags.issues.js';
import { invalidTagErrcode, markOnFollows } from './wecom-tags.mark.js';
import { enqueuePull } from './wecom-tags.pull-job.js';
import type { PushPayload } from './wecom-tags.queues.js';

type Db = Kysely<Database>;

/** WeCom's errcode for a tag or group name that exists already. */
export const nameExistsErrcode = 40071;

const errcodeOf = (error: unknown) => (isWechatApiError(error) ? error.errcode : undefined);

function findRow<T extends 'tag' | 'tag_group'>(db: Db, table: T, ws: string, id: string) {
  return db
    .selectFrom(table as 'tag')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('id', '=', id)
    .executeTakeFirst() as Promise<(T extends 'tag' ? TagRow : TagGroupRow) | undefined>;
}

/**
 * Pushes one corp tag or group change made in Siyu to WeCom, from the row's state now (so a
 * late or repeated job does no harm): creates (`add_corp_tag`, storing the WeCom ids and
 * marking the persons who got the tag meanwhile), renames/reorders (`edit_corp_tag`), deletes
 * (`del_corp_tag`). Conflicts: a name WeCom has already → link to that tag or group (an issue
 * says so); an id WeCom no longer has → pull (which drops the local one) and an issue.
 */
export async function pushTagChange(
  ctx: PeopleContext,
  workspaceId: string,
  change: PushPayload,
): Promise<void> {
  const client = await ctx.clients.wecom(workspaceId);
  if (!client) return;
  const push = new TagPush(ctx, client, workspaceId);
  if (change.entity === 'group') {
    const group = await findRow(ctx.db, 'tag_group', workspaceId, change.id);
    if (!group || group.source !== 'corp') return;
    if (change.action === 'create') await push.createGroup(group);
    else if (change.action === 'update') await push.edit(group, group.wecom_group_id, group.name);
    else await push.delete(group, { groupIds: [group.wecom_group_id] });
    return;
  }
  const tag = await findRow(ctx.db, 'tag', workspaceId, change.id);
  if (!tag || tag.source !== 'corp') return;
  if (change.action === 'create') await push.createTag(tag);
  else if (change.action === 'update') await push.edit(tag, tag.wecom_tag_id, tag.name);
  else await push.delete(tag, { tagIds: [tag.wecom_tag_id] });
}

class TagPush {
  constructor(
    private readonly ctx: PeopleContext,
    private readonly client: WecomClient,
    private readonly ws: string,
  ) {}

  async createGroup(group: TagGroupRow): Promise<void> {
    if (group.deleted_at !== null || group.wecom_group_id !== null) return;
    const tags = await this.unlinkedTags(group.id);
    // WeCom has no empty groups: the group is created with its first tag.
    if (tags.length === 0) return;
    await this.addTags(group, tags);
  }

  async createTag(tag: TagRow): Promise<void> {
    if (tag.deleted_at !== null || tag.wecom_tag_id !== null) return;
    const group = await findRow(this.ctx.db, 'tag_group', this.ws, tag.group_id);
    if (!group || group.deleted_at !== null) return;
    await this.addTags(group, await this.unlinkedTags(group.id));
  }

  async edit(row: TagRow | TagGroupRow, wecomId: string | null, name: string): Promise<void> {
    if (row.deleted_at !== null || wecomId === null) return; // the create push carries the name
    try {
      await this.client.corpTags.edit({ id: wecomId, name, order: row.sort_order });
    } catch (error) {
      const code = errcodeOf(error);
      if (code === nameExistsErrcode) {
        // Kept as the newer name in Siyu until a pull; WeCom's name then wins.
        return this.issue(row, 'push_failed', `WeCom already has a tag named “${name}”.`);
      }
      if (code === invalidTagErrcode) return this.deletedRemotely(row);
      throw error;
    }
  }

  async delete(
    row: TagRow | TagGroupRow,
    ids: { tagIds?: (string | null)[]; groupIds?: (string | null)[] },
  ): Promise<void> {
    const tagIds = (ids.tagIds ?? []).filter((id): id is string => id !== null);
    const groupIds = (ids.groupIds ?? []).filter((id): id is string => id !== null);
    if (row.deleted_at === null || tagIds.length + groupIds.length === 0) return;
    try {
      await this.client.corpTags.delete({ tagIds, groupIds });
    } catch (error) {
      if (errcodeOf(error) !== invalidTagErrcode) throw error; // already gone: done
    }
  }

  /** Creates the group's unlinked tags in WeCom (and the group when it has no WeCom id). */
  private async addTags(group: TagGroupRow, tags: TagRow[]): Promise<void> {
    if (tags.length === 0) return;
    let created: CorpTagGroup;
    try {
      created = await this.client.corpTags.add({
        ...(group.wecom_group_id
          ? { groupId: group.wecom_group_id }
          : { groupName: group.name, groupOrder: group.sort_order }),
        tags: tags.map((t) => ({ name: t.name, order: t.sort_order })),
      });
    } catch (error) {
      const code = errcodeOf(error);
      if (code === nameExistsErrcode) return this.linkByName(group, tags);
      if (code === invalidTagErrcode) return this.deletedRemotely(group);
      throw error;
    }
    await this.link(group, created, tags);
  }

  /** Some names exist in WeCom: link those, create the rest one by one. */
  private async linkByName(group: TagGroupRow, tags: TagRow[]): Promise<void> {
    const remote = await this.client.corpTags.list();
    const rg = remote.find((g) =>
      group.wecom_group_id ? g.id === group.wecom_group_id : g.name === group.name,
    );
    const existing = tags.filter((t) => rg?.tags.some((r) => r.name === t.name));
    if (rg) await this.link(group, rg, existing);
    for (const tag of existing) {
      await this.issue(
        tag,
        'linked_existing',
        `WeCom already had “${tag.name}” in “${rg!.name}”; Siyu’s tag now uses it.`,
      );
    }
    const rest = tags.filter((t) => !existing.includes(t));
    for (const tag of rest) {
      const linked = await findRow(this.ctx.db, 'tag_group', this.ws, group.id);
      if (!linked) return;
      await this.addTags(linked, [tag]);
    }
  }

  /** Stores the WeCom ids of a created group and tags, then marks persons who have them. */
  private async link(group: TagGroupRow, remote: CorpTagGroup, tags: TagRow[]): Promise<void> {
    const linked: (TagRow & { wecom_tag_id: string })[] = [];
    await this.ctx.db.transaction().execute(async (trx) => {
      if (group.wecom_group_id !== remote.id) {
        await updateTagGroupRow(trx, this.ws, group.id, { wecom_group_id: remote.id });
        group.wecom_group_id = remote.id;
      }
      for (const tag of tags) {
        const match = remote.tags.find((r) => r.name === tag.name);
        if (!match) continue;
        const taken = await trx
          .selectFrom('tag')
          .select('id')
          .where('workspace_id', '=', this.ws)
          .where('wecom_tag_id', '=', match.id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (!taken) await updateTagRows(trx, this.ws, [tag.id], { wecom_tag_id: match.id });
        if (!taken || taken.id === tag.id) linked.push({ ...tag, wecom_tag_id: match.id });
      }
    });
    for (const tag of linked) {
      for (const personId of await this.holders(tag.id)) {
        await markOnFollows(this.ctx, this.client, tag, personId, true);
      }
    }
  }

  private async holders(tagId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('person_tag')
      .select('person_id')
      .distinct()
      .where('workspace_id', '=', this.ws)
      .where('tag_id', '=', tagId)
      .where('shadowed', '=', 0)
      .execute();
    return rows.map((r) => r.person_id);
  }

  private unlinkedTags(groupId: string): Promise<TagRow[]> {
    return this.ctx.db
      .selectFrom('tag')
      .selectAll()
      .where('workspace_id', '=', this.ws)
      .where('group_id', '=', groupId)
      .where('deleted_at', 'is', null)
      .where('wecom_tag_id', 'is', null)
      .orderBy('sort_order')
      .orderBy('created_at')
      .execute();
  }

  /** The tag or group was deleted in WeCom meanwhile: pull (drops it here) and say so. */
  private async deletedRemotely(row: TagRow | TagGroupRow): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.issue(
        row,
        'deleted_remotely',
        `“${row.name}” was deleted in WeCom; Siyu’s change could not be applied there.`,
        trx,
      );
      await enqueuePull(trx, this.ctx, this.ws, `deleted:${row.id}:${this.ctx.clock.now()}`);
    });
  }

  private issue(
    row: TagRow | TagGroupRow,
    kind: TagSyncIssueInput['kind'],
    message: string,
    db: Db = this.ctx.db,
  ): Promise<void> {
    const isTag = 'group_id' in row;
    return recordTagSyncIssue(db, this.ctx, this.ws, {
      tagId: isTag ? row.id : null,
      groupId: isTag ? row.group_id : row.id,
      name: row.name,
      kind,
      message,
    });
  }
}
