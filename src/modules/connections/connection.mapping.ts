import type { SecretBox } from '../../platform/crypto.js';
import { callbackUrlOf, type PublicBase } from './callback-url.js';
import type { Connection } from './connection.schemas.js';
import type { ConnectionRow } from './connection.table.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The workspace and public address a connection's callback URL is built from. */
export interface CallbackAddress {
  workspaceSlug: string;
  base: PublicBase;
}

/** `••••••••abcd`: enough to tell secrets apart, never enough to use one. */
export function maskSecret(secret: string): string {
  return `${'•'.repeat(8)}${secret.slice(-4)}`;
}

export function connectionRowToConnection(
  row: ConnectionRow,
  secretBox: SecretBox,
  address: CallbackAddress,
): Connection {
  const callbackUrl = callbackUrlOf(address.base.url, address.workspaceSlug, row.kind, row.app_id);
  return {
    id: row.id,
    ...connectionSettings(row),
    hasSecret: true,
    secretMasked: maskSecret(secretBox.open(row.secret_sealed)),
    hasToken: row.token_sealed !== null,
    hasAesKey: row.aes_key_sealed !== null,
    callbackUrl,
    callbackUrlWarning: callbackUrl === null ? null : address.base.warning,
    callbackVerifiedAt: isoOrNull(row.callback_verified_at),
    lastCallbackAt: isoOrNull(row.last_callback_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * A connection's settings: what the API shows besides credentials and times, and all the
 * audit log keeps (never a credential, nor a hint of one).
 */
export function connectionSettings(row: ConnectionRow) {
  return {
    kind: row.kind,
    appId: row.app_id,
    agentId: row.agent_id,
    displayName: row.display_name,
    encryptMode: row.encrypt_mode,
    apiBaseUrl: row.api_base_url,
    status: row.status,
  };
}
