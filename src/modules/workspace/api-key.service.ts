import { randomBytes } from 'node:crypto';
import { constantTimeEqual, sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { newId, randomToken } from '../../platform/ids.js';
import type { Acting, Actor } from './actor.js';
import {
  findApiKey,
  findApiKeyByPrefix,
  insertApiKey,
  listApiKeys,
  updateApiKey,
} from './api-key.store.js';
import { recordAudit } from './audit.js';
import type { WorkspaceContext } from './workspace.context.js';
import { apiKeyRowToApiKey } from './workspace.mapping.js';
import type { ApiKey } from './workspace.schemas.js';
import type { ApiKeyRow } from './workspace.table.js';

/** `siyu_<12 hex prefix>_<43 base64url secret>`: the prefix finds the row, the hash checks it. */
const keyPattern = /^siyu_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** last_used_at is written at most this often. */
const touchEveryMs = 60_000;

export async function listWorkspaceApiKeys(
  ctx: WorkspaceContext,
  workspaceId: string,
): Promise<ApiKey[]> {
  return (await listApiKeys(ctx.db, workspaceId)).map(apiKeyRowToApiKey);
}

export async function createApiKey(
  ctx: WorkspaceContext,
  acting: Acting,
  input: { name: string; role: ApiKeyRow['role'] },
): Promise<ApiKey & { key: string }> {
  const prefix = randomBytes(6).toString('hex');
  const key = `siyu_${prefix}_${randomToken(32)}`;
  const now = ctx.clock.now();
  const row: ApiKeyRow = {
    id: newId(now),
    workspace_id: acting.workspaceId,
    name: input.name,
    prefix,
    key_hash: sha256Hex(key),
    role: input.role,
    created_by: acting.actor.id,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  const apiKey = apiKeyRowToApiKey(row);
  await ctx.db.transaction().execute(async (trx) => {
    await insertApiKey(trx, row);
    await recordAudit(trx, {
      ...acting,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      after: apiKey,
      at: now,
    });
  });
  return { ...apiKey, key };
}

/** Revokes a key of this workspace; revoking a revoked key changes nothing. */
export async function revokeWorkspaceApiKey(
  ctx: WorkspaceContext,
  acting: Acting,
  id: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findApiKey(trx, acting.workspaceId, id);
    if (!row) throw new AppError('not_found', 'API key not found');
    if (row.revoked_at !== null) return;
    const now = ctx.clock.now();
    await updateApiKey(trx, acting.workspaceId, id, { revoked_at: now });
    await recordAudit(trx, {
      ...acting,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: id,
      before: apiKeyRowToApiKey(row),
      after: apiKeyRowToApiKey({ ...row, revoked_at: now }),
      at: now,
    });
  });
}

/** The actor behind a presented key, or undefined when it is malformed, unknown or revoked. */
export async function authenticateApiKey(
  ctx: WorkspaceContext,
  key: string,
): Promise<Extract<Actor, { type: 'api_key' }> | undefined> {
  const match = keyPattern.exec(key);
  if (!match) return undefined;
  const row = await findApiKeyByPrefix(ctx.db, match[1]!);
  if (!row || row.revoked_at !== null || !constantTimeEqual(row.key_hash, sha256Hex(key))) {
    return undefined;
  }
  const now = ctx.clock.now();
  if (row.last_used_at === null || now - row.last_used_at >= touchEveryMs) {
    await updateApiKey(ctx.db, row.workspace_id, row.id, { last_used_at: now });
  }
  return {
    type: 'api_key',
    id: row.id,
    name: row.name,
    workspaceId: row.workspace_id,
    role: row.role,
  };
}
