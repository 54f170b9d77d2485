import type { ColumnType, Selectable } from 'kysely';

/** corp: shared with WeCom; local: Siyu only; rule: set by journeys and rules. */
export const tagSources = ['corp', 'local', 'rule'] as const;
export type TagSource = (typeof tagSources)[number];

/** How a tag got onto a person. */
export const personTagSources = ['manual', 'wecom', 'rule', 'import'] as const;
export type PersonTagSource = (typeof personTagSources)[number];

export interface TagGroupTable {
  id: string;
  workspace_id: string;
  name: string;
  source: TagSource;
  wecom_group_id: string | null;
  sort_order: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface TagTable {
  id: string;
  workspace_id: string;
  group_id: string;
  name: string;
  source: TagSource;
  wecom_tag_id: string | null;
  sort_order: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/**
 * A tag on a person. Merges move links (`person_id`) and keep `home_person_id`; when both
 * persons had the tag, the loser's link is kept `shadowed` (hidden) so an unmerge gives it
 * back. Readers see only `shadowed = 0`: at most one such link per (person, tag).
 */
export interface PersonTagTable {
  workspace_id: string;
  person_id: string;
  home_person_id: string;
  tag_id: string;
  source: PersonTagSource;
  /** Audit label of who added it (`system`, a user's email, an API key's name). */
  added_by: string | null;
  added_at: number;
  shadowed: 0 | 1;
  /**
   * The person's `added_at`, for the customer list's tag walk. Written by database triggers
   * only (migration `2026_11_26_0120`): on insert, on a move to another person, when the
   * person's date changes (visible links) and when a link becomes visible.
   */
  person_added_at: ColumnType<number | null, never, never>;
}

export type TagGroupRow = Selectable<TagGroupTable>;
export type TagRow = Selectable<TagTable>;
export type PersonTagRow = Selectable<PersonTagTable>;
