import { AppError } from '../../platform/http/errors.js';

/** Keyset cursors as opaque strings: `(time, id)` of the last row of a page. */
export interface TimeIdCursor {
  at: number;
  id: string;
}

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(`${cursor.at}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): TimeIdCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!match) {
    throw new AppError('validation_failed', 'The request is not valid', [
      { path: 'querystring/before', message: 'expected a cursor from a previous page' },
    ]);
  }
  return { at: Number(match[1]), id: match[2]! };
}
