import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import { createSandbox, type Sandbox } from '../sandbox.js';

describe('state file', () => {
  const dirs: string[] = [];
  const open: Sandbox[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  const tempFile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-sandbox-'));
    dirs.push(dir);
    return path.join(dir, 'nested', 'sandbox-state.json');
  };

  async function start(file: string, clock: ManualClock): Promise<Sandbox> {
    const sandbox = await createSandbox({ stateFile: file, clock, saveDebounceMs: 20 });
    open.push(sandbox);
    return sandbox;
  }

  const call = async (sandbox: Sandbox, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    (
      await sandbox.app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
    ).json() as Record<string, unknown>;

  it('writes the demo world at start, saves changes (debounced) and reloads them', async () => {
    const file = tempFile();
    const clock = new ManualClock(Date.UTC(2026, 4, 1));
    const first = await start(file, clock);
    expect(fs.existsSync(file)).toBe(true);
    const corp = Object.values(first.state.corps)[0]!;
    const secret = corp.apps[0]!.secret;
    const { access_token: token } = await call(
      first,
      'GET',
      `/cgi-bin/gettoken?corpid=${corp.corpid}&corpsecret=${secret}`,
    );
    const customer = await call(first, 'POST', '/sandbox/customers', { nickname: '持久化' });
    await call(first, 'POST', `/sandbox/customers/${String(customer.id)}/add-contact`, {
      userid: 'liuna',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { users: Record<string, unknown> };
    expect(saved.users[String(customer.id)]).toBeDefined();
    await first.close();

    const second = await start(file, clock);
    expect(second.state).toEqual(JSON.parse(JSON.stringify(first.state)));
    const got = await call(
      second,
      'GET',
      `/cgi-bin/externalcontact/get?access_token=${String(token)}&external_userid=${String((customer.externalUserIds as Record<string, string>)[corp.corpid])}`,
    );
    expect(got).toMatchObject({
      errcode: 0,
      external_contact: { name: '持久化' },
      follow_user: [{ userid: 'liuna' }],
    });
    // Ids continue the same sequence instead of repeating.
    const next = await call(second, 'POST', '/sandbox/customers', {});
    expect(next.id).toBe(`c${Number(String(customer.id).slice(1)) + 1}`);
  });

  it('derives the same world from the same seed and a different one from another', async () => {
    const clock = new ManualClock(Date.UTC(2026, 4, 1));
    const a = await createSandbox({ clock, seed: 'alpha' });
    const b = await createSandbox({ clock, seed: 'alpha' });
    const c = await createSandbox({ clock, seed: 'beta' });
    open.push(a, b, c);
    expect(JSON.stringify(a.state)).toBe(JSON.stringify(b.state));
    expect(Object.keys(c.state.corps)).not.toEqual(Object.keys(a.state.corps));
    expect(a.state.users.c1!.unionid).not.toBe(c.state.users.c1!.unionid);
  });
});
