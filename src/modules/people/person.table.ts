import type { Insertable, Selectable } from 'kysely';

/** A customer: one human across WeCom, the Official Account, the Mini Program and the mall. */
export interface PersonTable {
  id: string;
  workspace_id: string;
  /** Plain text (the customer list searches it); cleared on erasure. */
  display_name: string | null;
  avatar_url: string | null;
  created_at: number;
  updated_at: number;
  /** The earliest `added_at` of the person's follows (kept by `refreshPersonAddedAt`). */
  added_at: number | null;
  /** Set while this person is merged into another (undoing the merge clears it). */
  merged_into: string | null;
  /** Set when the person's personal data was erased (PIPL). */
  erased_at: number | null;
}

/**
 * One identifier of a person. `value` is the normalized value, sealed for personal kinds
 * (phone, email); `value_key` is what uniqueness and lookups use: the value itself, or for
 * personal kinds `h1:` + a keyed hash. One value belongs to at most one person.
 */
export interface IdentityTable {
  id: string;
  workspace_id: string;
  /** The live person that holds it now (merges move it). */
  person_id: string;
  /**
   * The person it came to first, or the person whose identity it arrived with. Never changed
   * by merges; undoing a merge sends back everything whose home is the loser (or merged into it).
   */
  home_person_id: string;
  kind: string;
  /** '' when the kind has none; the corp id (wecom_external_userid) or the appid (openids). */
  namespace: string;
  value: string;
  value_key: string;
  verified: 0 | 1;
  /** Who told us first: `wecom`, `oa`, `miniprogram`, `mall`, `import`, `console`, … */
  source: string;
  first_seen_at: number;
  last_seen_at: number;
}

/** A merge of `loser` into `winner`: why (cause) and what moved, both JSON. */
export interface IdentityMergeTable {
  id: string;
  workspace_id: string;
  winner_person_id: string;
  loser_person_id: string;
  /** JSON `MergeCause`. */
  cause: string;
  /** JSON `MergeMoved`. */
  moved: string;
  /** Audit label of who merged: `system` for automatic merges. */
  merged_by: string;
  created_at: number;
  undone_at: number | null;
  undone_by: string | null;
}

export const conflictStatuses = ['open', 'resolved', 'dismissed'] as const;
export type ConflictStatus = (typeof conflictStatuses)[number];

/**
 * Why two persons were not merged automatically: the merge would break a per-kind limit; the
 * link is a phone or email not verified on both sides; an operator undid their merge before.
 */
export const conflictReasons = ['limit', 'unverified', 'unmerged'] as const;
export type ConflictReason = (typeof conflictReasons)[number];

/** A would-be merge held for review: `person_a_id` < `person_b_id`, one row per link. */
export interface IdentityConflictTable {
  id: string;
  workspace_id: string;
  person_a_id: string;
  person_b_id: string;
  /** The identity that linked them (value sealed for personal kinds; scrubbed on erasure). */
  kind: string;
  namespace: string;
  value: string | null;
  value_key: string;
  reason: ConflictReason;
  /** The limit the merge would break, e.g. `unionid: at most 1 per person`. */
  rule: string;
  status: ConflictStatus;
  source: string;
  /** How many times the same link was seen. */
  occurrences: number;
  created_at: number;
  last_seen_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  /** The merge a `merge` resolution made. */
  merge_id: string | null;
}

export type PersonRow = Selectable<PersonTable>;
export type IdentityRow = Selectable<IdentityTable>;
export type NewIdentityRow = Insertable<IdentityTable>;
export type IdentityMergeRow = Selectable<IdentityMergeTable>;
export type IdentityConflictRow = Selectable<IdentityConflictTable>;
