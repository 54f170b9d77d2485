import { AppError } from '../../platform/http/errors.js';
import type { Receiver } from '../state/platform.js';
import type { SandboxState } from '../state/state.js';

/** Where one corp's or app's callbacks go; token and EncodingAESKey default to the corp's/app's own. */
export type ReceiverInput =
  | {
      corpid: string;
      url: string;
      token?: string;
      encodingAesKey?: string;
      receiveId?: string;
      agentId?: string | null;
    }
  | { appid: string; url: string; token?: string; encodingAesKey?: string; receiveId?: string };

export function toReceiver(state: SandboxState, input: ReceiverInput): Receiver {
  if ('corpid' in input) {
    const corp = state.corps[input.corpid];
    if (!corp) throw new AppError('not_found', `corp ${input.corpid} not found`);
    const app = corp.apps.find((a) => a.kind === 'app');
    return {
      key: `wecom:${corp.corpid}`,
      url: input.url,
      token: input.token ?? corp.callback.token,
      encodingAesKey: input.encodingAesKey ?? corp.callback.encodingAesKey,
      receiveId: input.receiveId ?? corp.corpid,
      agentId: input.agentId === undefined ? (app ? String(app.agentid) : null) : input.agentId,
    };
  }
  const oa = state.officialAccounts[input.appid];
  if (!oa) throw new AppError('not_found', `Official Account ${input.appid} not found`);
  return {
    key: `oa:${oa.appid}`,
    url: input.url,
    token: input.token ?? oa.token,
    encodingAesKey: input.encodingAesKey ?? oa.encodingAesKey,
    receiveId: input.receiveId ?? oa.appid,
    agentId: null,
  };
}
