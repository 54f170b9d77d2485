import type { Selectable } from 'kysely';

export const attributeTypes = ['text', 'number', 'date', 'enum', 'boolean'] as const;
export type AttributeType = (typeof attributeTypes)[number];

/** A custom attribute of the workspace's customers. `key`, `type` and `pii` never change. */
export interface AttributeDefinitionTable {
  id: string;
  workspace_id: string;
  key: string;
  label: string;
  type: AttributeType;
  /** JSON array of the allowed values (enum only). */
  enum_options: string | null;
  /** Values are sealed at rest and masked for callers without customers.pii. */
  pii: 0 | 1;
  created_at: number;
  updated_at: number;
}

/**
 * One attribute value. text/enum: `value_text`; number: `value_number`; boolean: 0/1 in
 * `value_number`; date: `YYYY-MM-DD` in `value_text` and its UTC midnight in `value_number`.
 * Personal attributes keep the sealed value in `value_text` and a keyed hash in `value_hash`.
 * Merges keep the older of two values `shadowed` (see PersonTagTable).
 */
export interface PersonAttributeTable {
  workspace_id: string;
  person_id: string;
  home_person_id: string;
  key: string;
  value_text: string | null;
  value_number: number | null;
  value_hash: string | null;
  updated_at: number;
  shadowed: 0 | 1;
}

export type AttributeDefinitionRow = Selectable<AttributeDefinitionTable>;
export type PersonAttributeRow = Selectable<PersonAttributeTable>;
