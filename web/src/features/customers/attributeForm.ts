import { isApiError } from '../../api/client';
import type { AttributeDefinition, AttributeValue, PersonAttribute } from './api';

/** What a form field holds for each attribute type (dates as YYYY-MM-DD, booleans as text). */
export type FieldValue = string | number | null | undefined;

/** The form's initial values: masked (personal) values are not editable in place, so empty. */
export function toFieldValues(attributes: PersonAttribute[]): Record<string, FieldValue> {
  return Object.fromEntries(
    attributes
      .filter((a) => !a.masked)
      .map((a) => [a.key, typeof a.value === 'boolean' ? String(a.value) : a.value]),
  );
}

function toValue(def: AttributeDefinition, field: FieldValue): AttributeValue {
  if (field === undefined || field === null || field === '') return null;
  if (def.type === 'boolean') return field === 'true';
  return field;
}

/**
 * The values to send: only the attributes that changed (null clears). A masked value is
 * left alone unless something was typed over it.
 */
export function changedValues(
  definitions: AttributeDefinition[],
  attributes: PersonAttribute[],
  fields: Record<string, FieldValue>,
): Record<string, AttributeValue> {
  const changes: Record<string, AttributeValue> = {};
  for (const def of definitions) {
    const current = attributes.find((a) => a.key === def.key);
    const next = toValue(def, fields[def.key]);
    if (current?.masked && next === null) continue;
    if (next !== (current?.value ?? null)) changes[def.key] = next;
  }
  return changes;
}

interface Problem {
  key: string;
  expected: string;
}

/** The fields a `validation_failed` answer names, with what the server expected of each. */
export function attributeProblems(error: unknown): Problem[] {
  if (!isApiError(error, 'validation_failed') || !Array.isArray(error.details)) return [];
  return error.details.flatMap((d: unknown) => {
    const { key, expected } = (d ?? {}) as { key?: unknown; expected?: unknown };
    return typeof key === 'string' && typeof expected === 'string' ? [{ key, expected }] : [];
  });
}

/** The server's longest attribute text (`maxTextLength` in src/modules/people/attribute-value.ts). */
export const attributeTextMaxLength = 2000;
