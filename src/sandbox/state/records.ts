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
