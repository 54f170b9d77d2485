import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes UUIDv7 ids that sort by time, and by creation within a millisecond', () => {
    const at = Date.UTC(2026, 10, 25);
    const ids = Array.from({ length: 1000 }, () => newId(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    expect(newId(at + 1) > ids[999]!).toBe(true);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]!.slice(0, 13).replace('-', '')).toBe(at.toString(16).padStart(12, '0'));
  });

  it('draws fresh random bits for each millisecond, beyond one block of random bytes', () => {
    const at = Date.UTC(2026, 10, 25);
    // 1,000 milliseconds take 10,000 random bytes: the 4,096-byte block is refilled twice.
    const tails = Array.from({ length: 1000 }, (_, i) => newId(at + i).slice(14));
    expect(new Set(tails).size).toBe(1000);
  });
});
