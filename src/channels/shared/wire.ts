/** Small conversions between WeChat wire values and Siyu's (epoch ms, null, arrays). */

/** WeChat sends seconds; Siyu keeps epoch milliseconds. */
export function fromUnixSeconds(seconds: number | undefined | null): number | null {
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : null;
}

export function toUnixSeconds(ms: number): number;
export function toUnixSeconds(ms: number | undefined): number | undefined;
export function toUnixSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.floor(ms / 1000);
}

/** Empty strings (WeChat's "none") become null. */
export function orNull(value: string | undefined | null): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** A cursor-paginated result: the next cursor is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function page<T>(items: T[] | undefined, nextCursor: string | undefined): Page<T> {
  return { items: items ?? [], nextCursor: orNull(nextCursor) };
}

/** WeChat's 0/1 flags. */
export function flag(value: boolean | undefined): 0 | 1 | undefined {
  return value === undefined ? undefined : value ? 1 : 0;
}

/** `a|b|c` lists (app message targets and results). */
export function joinIds(ids: readonly (string | number)[] | undefined): string | undefined {
  return ids && ids.length > 0 ? ids.join('|') : undefined;
}

export function splitIds(value: string | undefined): string[] {
  return value ? value.split('|').filter((id) => id !== '') : [];
}
