import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import type { PeopleContext } from './people.context.js';
import type { TagSyncIssueKind, TagSyncIssueRow } from './wecom-tags.table.js';

type Db = Kysely<Database>;

export interface TagSyncIssueInput {
  tagId?: string | null;
  groupId?: string | null;
  name: string;
  kind: TagSyncIssueKind;
  message: string;
}

/** Records a visible problem of the WeCom tag sync (shown by `GET …/tag-sync-issues`). */
export async function recordTagSyncIssue(
  db: Db,
  ctx: Pick<PeopleContext, 'clock'>,
  workspaceId: string,
  input: TagSyncIssueInput,
): Promise<void> {
  const now = ctx.clock.now();
  await db
    .insertInto('tag_sync_issue')
    .values({
      id: newId(now),
      workspace_id: workspaceId,
      tag_id: input.tagId ?? null,
      group_id: input.groupId ?? null,
      name: input.name,
      kind: input.kind,
      message: input.message,
      created_at: now,
      resolved_at: null,
    })
    .execute();
}

/** Open issues, newest first. */
export function listOpenTagSyncIssues(db: Db, workspaceId: string): Promise<TagSyncIssueRow[]> {
  return db
    .selectFrom('tag_sync_issue')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('resolved_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** Dismisses an issue; false when there is no open issue with this id. */
export async function resolveTagSyncIssue(
  db: Db,
  workspaceId: string,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tag_sync_issue')
    .set({ resolved_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
