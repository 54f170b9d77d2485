/**
 * The state keeps plain records (JSON-friendly, unlike Maps); these are the ways entries leave them.
 */
export function removeKey<T>(record: Record<string, T>, key: string): void {
  Reflect.deleteProperty(record, key);
}

export function removeWhere<T>(record: Record<string, T>, drop: (value: T) => boolean): void {
  for (const [key, value] of Object.entries(record))
    if (drop(value)) Reflect.deleteProperty(record, key);
}

const lastSweep = new WeakMap<object, number>();

/**
 * `removeWhere`, at most once per `everyMs` of sandbox time for a given record: expiring
 * entries (codes, tokens) are swept without scanning the whole record on every issue.
 */
export function sweepOccasionally<T>(
  record: Record<string, T>,
  now: number,
  everyMs: number,
  drop: (value: T) => boolean,
): void {
  const last = lastSweep.get(record);
  if (last !== undefined && now - last < everyMs && now >= last) return;
  lastSweep.set(record, now);
  removeWhere(record, drop);
}
