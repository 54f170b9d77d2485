import type { AttributeDefinitionRow, PersonAttributeRow } from './attribute.table.js';
import type { AttributeValue } from './attribute.schemas.js';
import { maskText, type PiiCodec } from './pii.js';

/** A value that does not fit its attribute: which field, and what was expected. */
export interface AttributeProblem {
  path: string;
  key: string;
  expected: string;
  message: string;
}

export type StoredValue = Pick<PersonAttributeRow, 'value_text' | 'value_number' | 'value_hash'>;

const maxTextLength = 2000;

export function enumOptionsOf(def: AttributeDefinitionRow): string[] {
  return def.enum_options === null ? [] : (JSON.parse(def.enum_options) as string[]);
}

/** The value in its canonical form, or what was expected instead. */
export function validateAttributeValue(
  def: AttributeDefinitionRow,
  value: unknown,
): { ok: true; value: string | number | boolean } | { ok: false; expected: string } {
  switch (def.type) {
    case 'text':
      return typeof value === 'string' && value.length > 0 && value.length <= maxTextLength
        ? { ok: true, value }
        : { ok: false, expected: `text of 1 to ${maxTextLength} characters` };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, expected: 'a number' };
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : { ok: false, expected: 'true or false' };
    case 'date':
      return typeof value === 'string' && isDate(value)
        ? { ok: true, value }
        : { ok: false, expected: 'a date as YYYY-MM-DD' };
    case 'enum': {
      const options = enumOptionsOf(def);
      return typeof value === 'string' && options.includes(value)
        ? { ok: true, value }
        : { ok: false, expected: `one of ${options.map((o) => JSON.stringify(o)).join(', ')}` };
    }
  }
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
}

/** Columns for a valid value: personal ones sealed, with a keyed hash for lookups. */
export function encodeAttributeValue(
  def: AttributeDefinitionRow,
  value: string | number | boolean,
  pii: PiiCodec,
): StoredValue {
  if (def.pii === 1) {
    const text = String(value);
    return { value_text: pii.seal(text), value_number: null, value_hash: pii.hash(text) };
  }
  switch (def.type) {
    case 'number':
      return { value_text: null, value_number: value as number, value_hash: null };
    case 'boolean':
      return { value_text: null, value_number: value ? 1 : 0, value_hash: null };
    case 'date':
      return {
        value_text: value as string,
        value_number: Date.parse(`${value as string}T00:00:00Z`),
        value_hash: null,
      };
    default:
      return { value_text: value as string, value_number: null, value_hash: null };
  }
}

/** The value back from its columns (personal ones opened). */
export function decodeAttributeValue(
  def: AttributeDefinitionRow,
  stored: Pick<StoredValue, 'value_text' | 'value_number'>,
  pii: PiiCodec,
): string | number | boolean | null {
  if (def.pii === 1) {
    if (stored.value_text === null) return null;
    const text = pii.open(stored.value_text);
    if (def.type === 'number') return Number(text);
    if (def.type === 'boolean') return text === 'true';
    return text;
  }
  switch (def.type) {
    case 'number':
      return stored.value_number;
    case 'boolean':
      return stored.value_number === null ? null : stored.value_number === 1;
    default:
      return stored.value_text;
  }
}

/** What a caller sees: personal values masked unless `reveal`. */
export function displayAttributeValue(
  def: AttributeDefinitionRow,
  value: string | number | boolean | null,
  reveal: boolean,
): { value: AttributeValue; masked: boolean } {
  if (def.pii === 0 || reveal || value === null) return { value, masked: false };
  return {
    value: typeof value === 'string' && def.type === 'text' ? maskText(value) : '***',
    masked: true,
  };
}
