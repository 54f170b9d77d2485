import { afterEach, describe, expect, it } from 'vitest';
import { noFaults, type FaultSettings } from '../state/faults.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { FaultInjector } from './injector.js';

function injector(settings: FaultSettings): FaultInjector {
  return new FaultInjector(() => settings);
}

describe('fault injection', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('fails a matching path at the chosen rate, the same way for the same seed', () => {
    const settings: FaultSettings = {
      ...noFaults('seed-1'),
      api: [{ path: '/cgi-bin/externalcontact/*', errcode: 45033, rate: 0.3 }],
    };
    const single = injector(settings);
    const decisions = Array.from(
      { length: 2000 },
      () => single.forApiCall('/cgi-bin/externalcontact/get').errcode,
    );
    const failures = decisions.filter((e) => e === 45033).length;
    expect(failures).toBeGreaterThan(2000 * 0.3 - 80);
    expect(failures).toBeLessThan(2000 * 0.3 + 80);
    const again = injector(settings);
    expect(
      Array.from({ length: 2000 }, () => again.forApiCall('/cgi-bin/externalcontact/get').errcode),
    ).toEqual(decisions);
    const other = injector({ ...settings, seed: 'seed-2' });
    expect(
      Array.from({ length: 2000 }, () => other.forApiCall('/cgi-bin/externalcontact/get').errcode),
    ).not.toEqual(decisions);
    expect(single.forApiCall('/cgi-bin/gettoken').errcode).toBeNull();
  });

  it('lets the first matching rule that fires decide, and adds the largest latency', () => {
    const settings: FaultSettings = {
      ...noFaults(),
      api: [
        { path: '/cgi-bin/gettoken', errcode: -1, rate: 1, latencyMs: 5 },
        { path: '*', errcode: 45009, rate: 1, latencyMs: 20 },
      ],
    };
    expect(injector(settings).forApiCall('/cgi-bin/gettoken')).toEqual({
      latencyMs: 20,
      errcode: -1,
    });
    expect(injector(settings).forApiCall('/cgi-bin/user/get')).toEqual({
      latencyMs: 20,
      errcode: 45009,
    });
  });

  it('answers injected errors through the API with the platform envelope, and adds latency', async () => {
    h = await createHarness();
    const put = await h.control('PUT', '/sandbox/faults', {
      seed: 'api-test',
      api: [
        { path: '/cgi-bin/externalcontact/get_follow_user_list', errcode: 60020, rate: 1 },
        { path: '/cgi-bin/user/get', rate: 0, latencyMs: 120 },
      ],
    });
    expect(put.status).toBe(200);
    const failed = await h.wecom('GET', '/cgi-bin/externalcontact/get_follow_user_list');
    expect(failed.errcode).toBe(60020);
    expect(failed.errmsg).toMatch(/^not allow to access from your ip/);
    const started = performance.now();
    expect((await h.wecom('GET', '/cgi-bin/user/get?userid=zhangwei')).errcode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    const bad = await h.control('PUT', '/sandbox/faults', { api: [{ path: '*', rate: 2 }] });
    expect(bad.status).toBe(400);
  });

  it('makes the same calls meet the same faults after a restart of the decisions', async () => {
    h = await createHarness();
    const rules = {
      seed: 'repeat',
      api: [{ path: '/cgi-bin/department/list', errcode: -1, rate: 0.5 }],
    };
    const sequence = async () => {
      await h!.control('PUT', '/sandbox/faults', rules);
      const codes: unknown[] = [];
      for (let i = 0; i < 20; i += 1)
        codes.push((await h!.wecom('GET', '/cgi-bin/department/list')).errcode);
      return codes;
    };
    const first = await sequence();
    expect(first).toContain(-1);
    expect(first).toContain(0);
    expect(await sequence()).toEqual(first);
  });
});
