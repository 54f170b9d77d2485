import type { Selectable } from 'kysely';

/** The timeline: what happened to a person. Append-only but for merges and erasure. */
export interface PersonEventTable {
  id: string;
  workspace_id: string;
  /** The live person it belongs to now (merges move it). */
  person_id: string;
  /** The person it was recorded for; undoing a merge sends it back by this. */
  home_person_id: string;
  /** `contact.added`, `oa.followed`, `order.paid`, `person.tag_added`, … */
  type: string;
  source: string;
  /** JSON object. */
  properties: string;
  occurred_at: number;
  recorded_at: number;
  /** Unique per workspace: recording the same fact twice stores it once. */
  dedup_key: string;
}

export type PersonEventRow = Selectable<PersonEventTable>;
