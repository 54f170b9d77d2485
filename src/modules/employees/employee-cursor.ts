import { AppError } from '../../platform/http/errors.js';

/** Keyset cursor of the employee list: `(name, id)` of a page's last row, opaque. */
export interface NameIdCursor {
  name: string;
  id: string;
}

export const encodeNameCursor = (cursor: NameIdCursor): string =>
  Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');

export function decodeNameCursor(raw: string | undefined): NameIdCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string'
  ) {
    return { name: parsed[0], id: parsed[1] };
  }
  throw new AppError('validation_failed', 'The request is not valid', [
    { path: 'querystring/cursor', message: 'expected a cursor from a previous page' },
  ]);
}
