import { describe, expect, it } from 'vitest';
import { backoffDelay, nextRetryDelay, type RetryPolicy } from './backoff.js';

const policy: RetryPolicy = {
  maxAttempts: 4,
  maxElapsedMs: 2000,
  baseDelayMs: 100,
  maxDelayMs: 300,
};

describe('retry backoff', () => {
  it('doubles up to the cap, jittered between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 150, 150]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 300, 300]);
  });

  it('stops at the attempt limit and before the time budget is passed', () => {
    expect(nextRetryDelay(policy, { attempts: 3, elapsedMs: 0 }, () => 1)).toBe(300);
    expect(nextRetryDelay(policy, { attempts: 4, elapsedMs: 0 }, () => 1)).toBeNull();
    expect(nextRetryDelay(policy, { attempts: 1, elapsedMs: 1950 }, () => 1)).toBeNull();
    expect(nextRetryDelay(policy, { attempts: 1, elapsedMs: 1900 }, () => 1)).toBe(100);
  });
});
