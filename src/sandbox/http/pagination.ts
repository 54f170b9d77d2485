import { WxError } from './wx-error.js';

/** Opaque cursors like the platforms' (`r9FqSqsI…`): a base64url-encoded position. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`pos:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): number {
  if (!cursor) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const match = /^pos:(\d+)$/.exec(decoded);
  if (!match) throw new WxError(40058, 'cursor');
  return Number(match[1]);
}

/** One page of `items` from `cursor`; next_cursor is empty on the last page. */
export function paginate<T>(
  items: readonly T[],
  cursor: string | undefined | null,
  limit: number,
): { page: T[]; next_cursor: string } {
  const start = decodeCursor(cursor);
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return { page, next_cursor: end < items.length ? encodeCursor(end) : '' };
}
