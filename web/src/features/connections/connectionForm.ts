import {
  defaultApiBaseUrls,
  type Connection,
  type ConnectionChanges,
  type ConnectionKind,
  type NewConnection,
} from './api';

/** What the add / edit form holds; which fields show depends on the kind. */
export interface ConnectionFormValues {
  displayName?: string;
  /** WeCom: the corp ID; Official Account and Mini Program: the AppID. */
  appId?: string;
  agentId?: number | null;
  secret?: string;
  token?: string;
  aesKey?: string;
  /** Official Account: 安全模式 (with an EncodingAESKey) or 明文模式. */
  encryptMode?: 'safe' | 'plaintext';
  apiBaseUrl?: string;
  enabled?: boolean;
}

/** The credentials typed in the form, kept to show once next to the callback URL. */
export interface FreshCredentials {
  token?: string;
  aesKey?: string;
}

const trimmed = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

const baseUrlOf = (value: string | undefined) => trimmed(value)?.replace(/\/+$/, '');

export function formToNewConnection(kind: ConnectionKind, v: ConnectionFormValues): NewConnection {
  const common = {
    displayName: trimmed(v.displayName),
    secret: trimmed(v.secret) ?? '',
    apiBaseUrl: baseUrlOf(v.apiBaseUrl),
  };
  const token = trimmed(v.token) ?? '';
  const appId = trimmed(v.appId) ?? '';
  switch (kind) {
    case 'wecom':
      return {
        kind,
        corpId: appId,
        agentId: v.agentId ?? undefined,
        token,
        aesKey: trimmed(v.aesKey) ?? '',
        ...common,
      };
    case 'oa':
      return {
        kind,
        appId,
        token,
        aesKey: v.encryptMode === 'plaintext' ? undefined : trimmed(v.aesKey),
        ...common,
      };
    case 'miniprogram':
      return { kind, appId, ...common };
  }
}

/** Only what changed: empty credential fields keep the stored ones. */
export function formToChanges(connection: Connection, v: ConnectionFormValues): ConnectionChanges {
  const changes: ConnectionChanges = {};
  const displayName = trimmed(v.displayName);
  if (displayName && displayName !== connection.displayName) changes.displayName = displayName;
  const secret = trimmed(v.secret);
  if (secret) changes.secret = secret;
  const apiBaseUrl = baseUrlOf(v.apiBaseUrl) ?? defaultApiBaseUrls[connection.kind];
  if (apiBaseUrl !== connection.apiBaseUrl) changes.apiBaseUrl = apiBaseUrl;
  const status = v.enabled === false ? 'disabled' : 'active';
  if (status !== connection.status) changes.status = status;
  if (connection.kind === 'miniprogram') return changes;

  const token = trimmed(v.token);
  if (token) changes.token = token;
  const aesKey = trimmed(v.aesKey);
  if (connection.kind === 'oa' && v.encryptMode === 'plaintext') {
    if (connection.encryptMode !== 'plaintext') changes.aesKey = null;
  } else if (aesKey) {
    changes.aesKey = aesKey;
  }
  if (connection.kind === 'wecom') {
    const agentId = v.agentId ?? null;
    if (agentId !== connection.agentId) changes.agentId = agentId;
  }
  return changes;
}

export function connectionToForm(connection: Connection): ConnectionFormValues {
  return {
    displayName: connection.displayName,
    appId: connection.appId,
    agentId: connection.agentId,
    encryptMode: connection.encryptMode === 'plaintext' ? 'plaintext' : 'safe',
    apiBaseUrl:
      connection.apiBaseUrl === defaultApiBaseUrls[connection.kind] ? '' : connection.apiBaseUrl,
    enabled: connection.status === 'active',
  };
}

/** An Official Account switching to 安全模式 needs an EncodingAESKey unless it has one. */
export function needsAesKey(
  kind: ConnectionKind,
  encryptMode: ConnectionFormValues['encryptMode'],
  editing: Connection | null,
): boolean {
  if (kind === 'miniprogram') return false;
  if (kind === 'oa' && encryptMode === 'plaintext') return false;
  return editing === null || !editing.hasAesKey;
}
