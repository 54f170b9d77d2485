import { AppError } from '../../platform/http/errors.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { ConnectionRow } from '../connections/connection.table.js';
import { callSandbox, forwardToSandbox, reason } from './sandbox-client.js';
import type { SandboxTarget } from './sandbox-mode.js';

/**
 * The sandbox's callback receivers, seen from the workspace: does the sandbox push this
 * workspace's callbacks to Siyu, and wiring it up as an admin would in the WeCom / WeChat
 * admin (URL, Token and EncodingAESKey of the connection, verified by the echostr handshake).
 */
export type CallbackRouting = 'here' | 'elsewhere' | 'none';

export interface CallbackUrls {
  wecom: string;
  /** Null when the workspace has no Official Account on this sandbox. */
  oa: string | null;
}

const timeoutMs = 10_000;
const wecomKey = (target: SandboxTarget) => `wecom:${target.corpId}`;
const oaKey = (oa: ConnectionRow) => `oa:${oa.app_id}`;

export async function callbackRouting(
  target: SandboxTarget,
  urls: CallbackUrls,
): Promise<{ wecom: CallbackRouting; oa: CallbackRouting | null }> {
  const answer = await forwardToSandbox(target.baseUrl, {
    method: 'GET',
    path: '/sandbox/receivers',
    timeoutMs,
  });
  const receivers = (answer.body as { receivers?: { key?: unknown; url?: unknown }[] }).receivers;
  const routing = (key: string, url: string): CallbackRouting => {
    const receiver = receivers?.find((r) => r.key === key);
    if (!receiver) return 'none';
    return receiver.url === url ? 'here' : 'elsewhere';
  };
  return {
    wecom: routing(wecomKey(target), urls.wecom),
    oa: target.oa && urls.oa ? routing(oaKey(target.oa), urls.oa) : null,
  };
}

export interface ReceiverResult {
  key: string;
  url: string;
  ok: boolean;
  /** Why the sandbox refused it (the URL verification failed, the app is not simulated…). */
  error: string | null;
}

/** Registers the workspace's callback URLs in the sandbox, each verified before it is kept. */
export async function connectCallbacks(
  target: SandboxTarget,
  secretBox: SecretBox,
  urls: CallbackUrls,
): Promise<ReceiverResult[]> {
  const open = (sealed: string | null) => (sealed === null ? undefined : secretBox.open(sealed));
  const results = [
    await register(target.baseUrl, wecomKey(target), {
      url: urls.wecom,
      token: open(target.wecom.token_sealed),
      encodingAesKey: open(target.wecom.aes_key_sealed),
      agentId: target.wecom.agent_id === null ? null : String(target.wecom.agent_id),
    }),
  ];
  if (target.oa && urls.oa) {
    const oa = target.oa;
    const mode = await forwardToSandbox(target.baseUrl, {
      method: 'PATCH',
      path: `/sandbox/official-accounts/${encodeURIComponent(oa.app_id)}`,
      body: { encryptMode: oa.encrypt_mode === 'plaintext' ? 'plaintext' : 'safe' },
      timeoutMs,
    }).catch((error: unknown) => error);
    results.push(
      mode instanceof Error
        ? { key: oaKey(oa), url: urls.oa, ok: false, error: mode.message }
        : await register(target.baseUrl, oaKey(oa), {
            url: urls.oa,
            token: open(oa.token_sealed),
            encodingAesKey: open(oa.aes_key_sealed),
          }),
    );
  }
  return results;
}

async function register(
  baseUrl: string,
  key: string,
  receiver: { url: string; token?: string; encodingAesKey?: string; agentId?: string | null },
): Promise<ReceiverResult> {
  try {
    const answer = await callSandbox(baseUrl, {
      method: 'PUT',
      path: `/sandbox/receivers/${encodeURIComponent(key)}`,
      body: { ...receiver, verify: true },
      timeoutMs,
    });
    if (answer.status === 200) return { key, url: receiver.url, ok: true, error: null };
    const message = (answer.body as { error?: { message?: unknown } } | null)?.error?.message;
    return {
      key,
      url: receiver.url,
      ok: false,
      error: typeof message === 'string' ? message : `HTTP ${answer.status}`,
    };
  } catch (error) {
    throw new AppError('not_ready', `The sandbox at ${baseUrl} did not answer: ${reason(error)}`);
  }
}
