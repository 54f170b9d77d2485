import { wechatDefaultBaseUrl } from '../../channels/oa/client/oa-client.js';
import { wecomDefaultBaseUrl } from '../../channels/wecom/client/wecom-client.js';
import type { ConnectionKind } from './connection.table.js';

/** The real platform's API base URL for each kind of connection. */
export function defaultApiBaseUrl(kind: ConnectionKind): string {
  return kind === 'wecom' ? wecomDefaultBaseUrl : wechatDefaultBaseUrl;
}

const kindNames: Record<ConnectionKind, string> = {
  wecom: 'WeCom',
  oa: 'Official Account',
  miniprogram: 'Mini Program',
};

export function defaultDisplayName(kind: ConnectionKind, appId: string): string {
  return `${kindNames[kind]} ${appId}`;
}
