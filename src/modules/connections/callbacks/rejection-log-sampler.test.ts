import { describe, expect, it } from 'vitest';
import { RejectionLogSampler } from './rejection-log-sampler.js';

describe('RejectionLogSampler', () => {
  it('logs the first refusals of each second per reason and reports the ones left out', () => {
    let now = 1_700_000_000_000;
    const sampler = new RejectionLogSampler(3, () => now);
    const admitted = (key: string, n: number) =>
      Array.from({ length: n }, () => sampler.admit(key));

    expect(admitted('wecom bad_signature', 5)).toEqual([
      { unlogged: 0 },
      { unlogged: 0 },
      { unlogged: 0 },
      undefined,
      undefined,
    ]);
    // Another reason has its own allowance.
    expect(admitted('wecom bad_xml', 1)).toEqual([{ unlogged: 0 }]);

    now += 1000;
    // The next second: the first line says how many were left out before it.
    expect(admitted('wecom bad_signature', 2)).toEqual([{ unlogged: 2 }, { unlogged: 0 }]);
    expect(admitted('wecom bad_xml', 1)).toEqual([{ unlogged: 0 }]);
  });

  it('bounds a flood to perSecond lines a second, every refusal accounted for', () => {
    let now = 0;
    const sampler = new RejectionLogSampler(20, () => now);
    let lines = 0;
    let reported = 0;
    for (let i = 0; i < 100_000; i++) {
      now = Math.floor(i / 10); // 10,000 refusals a second for 10 s
      const admitted = sampler.admit('oa bad_signature');
      if (admitted) {
        lines += 1;
        reported += admitted.unlogged;
      }
    }
    expect(lines).toBe(200);
    // All but the last second's left-out refusals were reported by a later line.
    expect(lines + reported).toBe(100_000 - (10_000 - 20));
  });
});
