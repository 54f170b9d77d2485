import { ManualClock } from '../../platform/clock.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox.js';
import type { Corp } from '../state/corp.js';
import type { OfficialAccount } from '../state/oa.js';
import { startTestReceiver, type TestReceiver } from './receiver.js';

export interface Harness {
  sandbox: Sandbox;
  clock: ManualClock;
  corp: Corp;
  oa: OfficialAccount;
  /** A WeCom API call with a valid token of the self-built app. */
  wecom(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** An api.weixin.qq.com call with a valid Official Account token. */
  wechat(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** A control API call; returns status and JSON. */
  control(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The demo sandbox on a manual clock, called in-process through `inject`. */
export async function createHarness(options: SandboxOptions = {}): Promise<Harness> {
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 2, 0, 0));
  const sandbox = await createSandbox({
    clock,
    pusher: { ackTimeoutMs: 1000, retryDelayMs: 0 },
    ...options,
  });
  const corp = Object.values(sandbox.state.corps)[0]!;
  const oa = Object.values(sandbox.state.officialAccounts)[0]!;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await sandbox.app.inject({
      method: method as 'GET',
      url,
      ...(body === undefined
        ? {}
        : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    return {
      status: res.statusCode,
      json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {},
    };
  };
  const token = async (url: string) => (await call('GET', url)).json.access_token as string;
  const withToken = (path: string, t: string) =>
    `${path}${path.includes('?') ? '&' : '?'}access_token=${t}`;
  const h: Harness = {
    sandbox,
    clock,
    get corp() {
      return Object.values(sandbox.state.corps)[0]!;
    },
    get oa() {
      return Object.values(sandbox.state.officialAccounts)[0]!;
    },
    wecom: async (method, path, body) => {
      const app = corp.apps.find((a) => a.kind === 'app')!;
      const t = await token(`/cgi-bin/gettoken?corpid=${corp.corpid}&corpsecret=${app.secret}`);
      return (await call(method, withToken(path, t), body)).json;
    },
    wechat: async (method, path, body) => {
      const t = await token(
        `/cgi-bin/token?grant_type=client_credential&appid=${oa.appid}&secret=${oa.secret}`,
      );
      return (await call(method, withToken(path, t), body)).json;
    },
    control: (method, path, body) => call(method, path, body),
    close: () => sandbox.close(),
  };
  return h;
}

/** A harness whose corp and Official Account push to a real test receiver. */
export async function createHarnessWithReceiver(
  options: SandboxOptions = {},
): Promise<Harness & { receiver: TestReceiver }> {
  const h = await createHarness(options);
  const receiver = await startTestReceiver({
    wecom: {
      token: h.corp.callback.token,
      encodingAesKey: h.corp.callback.encodingAesKey,
      receiveId: h.corp.corpid,
    },
    oa: { token: h.oa.token, encodingAesKey: h.oa.encodingAesKey, receiveId: h.oa.appid },
  });
  for (const [key, path] of [
    [`wecom:${h.corp.corpid}`, '/wecom'],
    [`oa:${h.oa.appid}`, '/oa'],
  ] as const) {
    const res = await h.control('PUT', `/sandbox/receivers/${key}`, {
      url: `${receiver.url}${path}`,
    });
    if (res.status !== 200)
      throw new Error(`registering ${key} failed: ${JSON.stringify(res.json)}`);
  }
  const closeSandbox = h.close;
  return Object.assign(h, {
    receiver,
    close: async () => {
      await closeSandbox();
      await receiver.close();
    },
  });
}
