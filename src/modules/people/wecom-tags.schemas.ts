import { z } from 'zod';
import { tagSyncIssueKinds } from './wecom-tags.table.js';

export const tagSyncIssueSchema = z.object({
  id: z.string(),
  /** The local tag / group it is about (null when it no longer exists or is not a tag). */
  tagId: z.string().nullable(),
  groupId: z.string().nullable(),
  name: z.string(),
  kind: z
    .enum(tagSyncIssueKinds)
    .describe(
      'deleted_remotely: deleted in WeCom while Siyu changed it (dropped here); linked_existing: WeCom had the name, Siyu now uses that tag; push_failed: WeCom refused the change',
    ),
  message: z.string(),
  createdAt: z.iso.datetime(),
});
export type TagSyncIssue = z.infer<typeof tagSyncIssueSchema>;

export const pullResultSchema = z.object({
  groups: z.number(),
  tags: z.number(),
  created: z.number(),
  updated: z.number(),
  deleted: z.number(),
});
