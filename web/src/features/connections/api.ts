import { api, segment } from '../../api/client';

export type ConnectionKind = 'wecom' | 'oa' | 'miniprogram';
export const connectionKinds: readonly ConnectionKind[] = ['wecom', 'oa', 'miniprogram'];

/** A connection as the server shows it: credentials never come back, only whether they are set. */
export interface Connection {
  id: string;
  kind: ConnectionKind;
  /** WeCom: the corp ID; Official Account and Mini Program: the AppID. */
  appId: string;
  agentId: number | null;
  displayName: string;
  encryptMode: 'plaintext' | 'safe' | null;
  apiBaseUrl: string;
  status: 'active' | 'disabled';
  hasSecret: boolean;
  /** `••••••••abcd`: the last characters of the secret, to tell which one is set. */
  secretMasked: string;
  hasToken: boolean;
  hasAesKey: boolean;
  /** What to paste into the WeCom / WeChat admin; null for Mini Programs. */
  callbackUrl: string | null;
  callbackUrlWarning: { code: 'not_https' | 'local_address'; message: string } | null;
  /** ISO-8601; null until the platform verified the URL / sent a callback. */
  callbackVerifiedAt: string | null;
  lastCallbackAt: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Common {
  displayName?: string;
  secret: string;
  apiBaseUrl?: string;
}

export type NewConnection =
  | ({ kind: 'wecom'; corpId: string; agentId?: number; token: string; aesKey: string } & Common)
  | ({ kind: 'oa'; appId: string; token: string; aesKey?: string } & Common)
  | ({ kind: 'miniprogram'; appId: string } & Common);

/** Only what is sent changes; a credential sent is rotated. `aesKey: null`: OA plaintext mode. */
export interface ConnectionChanges {
  displayName?: string;
  secret?: string;
  token?: string;
  aesKey?: string | null;
  agentId?: number | null;
  apiBaseUrl?: string;
  status?: Connection['status'];
}

/** The real platforms (the server's default when no API base URL is given). */
export const defaultApiBaseUrls: Record<ConnectionKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com',
  oa: 'https://api.weixin.qq.com',
  miniprogram: 'https://api.weixin.qq.com',
};

const connectionsPath = (slug: string) => `/api/workspaces/${segment(slug)}/connections`;

export const listConnections = (slug: string, signal?: AbortSignal) =>
  api.get<{ items: Connection[] }>(connectionsPath(slug), { signal }).then((r) => r.items);

export const createConnection = (slug: string, connection: NewConnection) =>
  api.post<Connection>(connectionsPath(slug), connection);

export const updateConnection = (slug: string, id: string, changes: ConnectionChanges) =>
  api.patch<Connection>(`${connectionsPath(slug)}/${segment(id)}`, changes);

export const deleteConnection = (slug: string, id: string) =>
  api.delete(`${connectionsPath(slug)}/${segment(id)}`);
