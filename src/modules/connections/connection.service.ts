import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { Acting } from '../workspace/actor.js';
import { recordAudit } from '../workspace/audit.js';
import { isUniqueViolation } from '../workspace/workspace.context.js';
import { defaultApiBaseUrl, defaultDisplayName } from './connection.defaults.js';
import { connectionSettings } from './connection.mapping.js';
import type { CreateConnectionInput, UpdateConnectionInput } from './connection.schemas.js';
import {
  deleteConnection,
  findConnection,
  insertConnection,
  listConnectionRows,
  updateConnection,
} from './connection.store.js';
import type { ConnectionRow, ConnectionUpdate } from './connection.table.js';
import type { ConnectionsContext } from './connections.context.js';

const connectionNotFound = () => new AppError('not_found', 'Connection not found');

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', 'The request is not valid', [
    { path: `body/${path}`, message },
  ]);
}

function requireManage(acting: Acting): void {
  if (!acting.permissions.includes('connections.manage')) {
    throw new AppError('forbidden', 'This needs the connections.manage permission', {
      permission: 'connections.manage',
    });
  }
}

export function listConnections(
  ctx: ConnectionsContext,
  workspaceId: string,
): Promise<ConnectionRow[]> {
  return listConnectionRows(ctx.db, workspaceId);
}

export async function getConnection(
  ctx: ConnectionsContext,
  workspaceId: string,
  id: string,
): Promise<ConnectionRow> {
  const row = await findConnection(ctx.db, workspaceId, id);
  if (!row) throw connectionNotFound();
  return row;
}

/** Connects a WeCom corp, an Official Account or a Mini Program; credentials are sealed. */
export async function createConnection(
  ctx: ConnectionsContext,
  acting: Acting,
  input: CreateConnectionInput,
): Promise<ConnectionRow> {
  requireManage(acting);
  const now = ctx.clock.now();
  const appId = input.kind === 'wecom' ? input.corpId : input.appId;
  const seal = (value: string | undefined) =>
    value === undefined ? null : ctx.secretBox.seal(value);
  const row: ConnectionRow = {
    id: newId(now),
    workspace_id: acting.workspaceId,
    kind: input.kind,
    app_id: appId,
    agent_id: input.kind === 'wecom' ? (input.agentId ?? null) : null,
    display_name: input.displayName ?? defaultDisplayName(input.kind, appId),
    secret_sealed: ctx.secretBox.seal(input.secret),
    token_sealed: input.kind === 'miniprogram' ? null : seal(input.token),
    aes_key_sealed: input.kind === 'miniprogram' ? null : seal(input.aesKey),
    encrypt_mode: encryptModeOf(input),
    api_base_url: input.apiBaseUrl ?? defaultApiBaseUrl(input.kind),
    status: 'active',
    callback_verified_at: null,
    last_callback_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertConnection(trx, row);
      await recordAudit(trx, {
        ...acting,
        action: 'connection.created',
        entityType: 'connection',
        entityId: row.id,
        after: connectionSettings(row),
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        'conflict',
        input.kind === 'wecom'
          ? 'This workspace already has a WeCom connection; update it instead'
          : `This workspace already has a connection for ${appId}`,
      );
    }
    throw error;
  }
  ctx.onChanged?.(acting.workspaceId);
  return row;
}

function encryptModeOf(input: CreateConnectionInput): ConnectionRow['encrypt_mode'] {
  switch (input.kind) {
    case 'wecom':
      return 'safe';
    case 'oa':
      return input.aesKey === undefined ? 'plaintext' : 'safe';
    case 'miniprogram':
      return null;
  }
}

/** Changes settings and rotates the credentials sent; the callback URL stays the same. */
export async function updateConnectionSettings(
  ctx: ConnectionsContext,
  acting: Acting,
  id: string,
  input: UpdateConnectionInput,
): Promise<ConnectionRow> {
  requireManage(acting);
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await findConnection(trx, acting.workspaceId, id);
    if (!row) throw connectionNotFound();
    const now = ctx.clock.now();
    const { changes, rotated } = changesFor(row, input, (v) => ctx.secretBox.seal(v));
    const next: ConnectionRow = { ...row, ...changes, updated_at: now };
    await updateConnection(trx, acting.workspaceId, id, { ...changes, updated_at: now });
    await recordAudit(trx, {
      ...acting,
      action: 'connection.updated',
      entityType: 'connection',
      entityId: id,
      before: connectionSettings(row),
      after: { ...connectionSettings(next), rotated },
      at: now,
    });
    return next;
  });
  ctx.onChanged?.(acting.workspaceId);
  return updated;
}

function changesFor(
  row: ConnectionRow,
  input: UpdateConnectionInput,
  seal: (value: string) => string,
): { changes: ConnectionUpdate; rotated: string[] } {
  const changes: ConnectionUpdate = {};
  const rotated: string[] = [];
  if (input.displayName !== undefined) changes.display_name = input.displayName;
  if (input.apiBaseUrl !== undefined) changes.api_base_url = input.apiBaseUrl;
  if (input.status !== undefined) changes.status = input.status;
  if (input.secret !== undefined) {
    changes.secret_sealed = seal(input.secret);
    rotated.push('secret');
  }
  if (input.agentId !== undefined) {
    if (row.kind !== 'wecom') throw invalid('agentId', 'only WeCom connections have an AgentId');
    changes.agent_id = input.agentId;
  }
  if (input.token !== undefined) {
    if (row.kind === 'miniprogram') throw invalid('token', 'Mini Programs have no callback Token');
    changes.token_sealed = seal(input.token);
    rotated.push('token');
  }
  if (input.aesKey !== undefined) {
    if (row.kind === 'miniprogram') {
      throw invalid('aesKey', 'Mini Programs have no callback EncodingAESKey');
    }
    if (input.aesKey === null && row.kind === 'wecom') {
      throw invalid(
        'aesKey',
        'WeCom callbacks are always encrypted: the EncodingAESKey is required',
      );
    }
    changes.aes_key_sealed = input.aesKey === null ? null : seal(input.aesKey);
    if (row.kind === 'oa') changes.encrypt_mode = input.aesKey === null ? 'plaintext' : 'safe';
    rotated.push('aesKey');
  }
  return { changes, rotated };
}

export async function removeConnection(
  ctx: ConnectionsContext,
  acting: Acting,
  id: string,
): Promise<void> {
  requireManage(acting);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findConnection(trx, acting.workspaceId, id);
    if (!row) throw connectionNotFound();
    await deleteConnection(trx, acting.workspaceId, id);
    await recordAudit(trx, {
      ...acting,
      action: 'connection.deleted',
      entityType: 'connection',
      entityId: id,
      before: connectionSettings(row),
      at: ctx.clock.now(),
    });
  });
  ctx.onChanged?.(acting.workspaceId);
}
