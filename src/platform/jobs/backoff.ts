/** Milliseconds to wait before the next attempt, given the attempt that just failed (1-based). */
export type Backoff = (attempt: number) => number;

/**
 * Exponential backoff with "equal jitter": base·2^(attempt-1), capped at maxMs, of which a
 * random half is kept, so retries of many jobs failing together spread out.
 */
export function exponentialBackoff(
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): Backoff {
  const { baseMs = 1000, maxMs = 60 * 60 * 1000, random = Math.random } = options;
  return (attempt) => {
    const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(delay / 2 + random() * (delay / 2));
  };
}
