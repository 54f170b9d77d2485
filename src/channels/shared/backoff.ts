/** Waits; injected so tests run retries and rate limits without real delays. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** How hard a call tries before giving up with a typed error. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** No retry is scheduled that would end later than this after the first attempt. */
  maxElapsedMs: number;
  /** Delay before the first retry; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  maxElapsedMs: 15_000,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

/**
 * The delay before retry number `retry` (1-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so callers that failed together do not retry together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The delay before the next attempt, or null when the budget does not allow one. */
export function nextRetryDelay(
  policy: RetryPolicy,
  state: { attempts: number; elapsedMs: number },
  random: () => number,
): number | null {
  if (state.attempts >= policy.maxAttempts) return null;
  const delay = backoffDelay(policy, state.attempts, random);
  return state.elapsedMs + delay > policy.maxElapsedMs ? null : delay;
}
