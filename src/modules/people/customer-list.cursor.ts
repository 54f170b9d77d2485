import { AppError } from '../../platform/http/errors.js';
import type { CustomerSort } from './customer-list.schemas.js';

/**
 * Where the next page of the customer list starts: after the row (sort value, id) in the
 * phase it was in (`values`: rows with a sort value; `nulls`: those without, which come last
 * in either order). Opaque to clients (base64url JSON).
 */
export interface CustomerCursor {
  sort: CustomerSort;
  phase: 'values' | 'nulls';
  value: string | number | null;
  id: string;
}

export function encodeCustomerCursor(cursor: CustomerCursor): string {
  const { sort, phase, value, id } = cursor;
  return Buffer.from(JSON.stringify([sort.field, sort.order, phase, value, id]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor, or 400 when it is not one of ours or belongs to another sort order. */
export function decodeCustomerCursor(
  raw: string | undefined,
  sort: CustomerSort,
  path: string,
): CustomerCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  const invalid = (message: string) =>
    new AppError('validation_failed', 'The request is not valid', [{ path, message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('expected a cursor from a previous page');
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) {
    throw invalid('expected a cursor from a previous page');
  }
  const [field, order, phase, value, id] = parsed as unknown[];
  const valueOk =
    phase === 'nulls'
      ? value === null
      : phase === 'values' &&
        (field === 'name' ? typeof value === 'string' : Number.isSafeInteger(value));
  if (typeof id !== 'string' || id.length > 100 || !valueOk) {
    throw invalid('expected a cursor from a previous page');
  }
  if (field !== sort.field || order !== sort.order) {
    throw invalid('the cursor belongs to another sort order');
  }
  return {
    sort,
    phase: phase as CustomerCursor['phase'],
    value: value as string | number | null,
    id,
  };
}
