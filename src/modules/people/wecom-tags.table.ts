import type { Selectable } from 'kysely';

/** What went wrong keeping a tag in sync with WeCom. */
export const tagSyncIssueKinds = [
  /** The tag (or group) was deleted in WeCom while Siyu still used it; the local link was dropped. */
  'deleted_remotely',
  /** Creating or renaming in WeCom met a tag of the same name there; Siyu linked to it. */
  'linked_existing',
  /** A push to WeCom failed for good (the job is dead). */
  'push_failed',
] as const;
export type TagSyncIssueKind = (typeof tagSyncIssueKinds)[number];

/** A visible problem of the corp-tag sync with WeCom, for the console to show. */
export interface TagSyncIssueTable {
  id: string;
  workspace_id: string;
  /** The local tag or group it is about (either may be null when it no longer exists). */
  tag_id: string | null;
  group_id: string | null;
  /** The tag's or group's name when the problem arose. */
  name: string;
  kind: TagSyncIssueKind;
  message: string;
  created_at: number;
  /** Set when an operator dismisses it. */
  resolved_at: number | null;
}

export interface WecomTagSyncTables {
  tag_sync_issue: TagSyncIssueTable;
}

export type TagSyncIssueRow = Selectable<TagSyncIssueTable>;
