import { AppError } from '../../platform/http/errors.js';

/** Keyset cursors as opaque strings: `(time, id)` of the last row of a page. */
export interface TimeIdCursor {
  at: number;
  id: string;
}

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(`${cursor.at}:${cursor.id}`, 'utf8').toString('base64url');
}

/** `param`: the query parameter the cursor came in, for the error's path. */
export function decodeCursor(
  raw: string | undefined,
  param: 'before' | 'cursor' = 'before',
): TimeIdCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!match) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: `querystring/${param}`, message: 'expected a cursor from a previous page' },
    ]);
  }
  return { at: Number(match[1]), id: match[2]! };
}
