import type { Kysely } from 'kysely';
import { createMiniProgramClient } from '../../channels/miniprogram/miniprogram-client.js';
import { createOaClient } from '../../channels/oa/client/oa-client.js';
import type { WechatHttpSettings } from '../../channels/shared/wechat-http.js';
import { createWecomClient } from '../../channels/wecom/client/wecom-client.js';
import type { Database } from '../../database.js';
import type { SecretBox } from '../../platform/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { findConnectionByApp } from './connection.store.js';
import type { ConnectionKind, ConnectionRow } from './connection.table.js';

export type WecomClient = ReturnType<typeof createWecomClient>;
export type OaClient = ReturnType<typeof createOaClient>;
export type MiniProgramClient = ReturnType<typeof createMiniProgramClient>;

/** Settings other than credentials and base URL (tests inject fetch, clock and sleep). */
export type PlatformHttp = Omit<WechatHttpSettings, 'baseUrl'>;

export interface PlatformClientsDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  http?: PlatformHttp;
}

const kindNames: Record<ConnectionKind, string> = {
  wecom: 'WeCom corp',
  oa: 'Official Account',
  miniprogram: 'Mini Program',
};

/**
 * API clients for a workspace's active connections, for the modules that call WeChat (sync,
 * imports, messages). Clients are cached per connection; the connection services drop a
 * workspace's entries when its connections change (`clear`).
 */
export class PlatformClients {
  private readonly cache = new Map<string, { row: ConnectionRow; client: unknown }>();

  constructor(private readonly deps: PlatformClientsDeps) {}

  /** The workspace's WeCom client, or null when it has no active WeCom connection. */
  wecom(workspaceId: string): Promise<WecomClient | null> {
    return this.client(workspaceId, 'wecom', undefined, (row, secret) =>
      createWecomClient({
        ...this.deps.http,
        db: this.deps.db,
        corpId: row.app_id,
        secret,
        baseUrl: row.api_base_url,
        ...(row.agent_id === null ? {} : { agentId: row.agent_id }),
      }),
    );
  }

  /** An Official Account's client (the first one when `appId` is omitted), or null. */
  oa(workspaceId: string, appId?: string): Promise<OaClient | null> {
    return this.client(workspaceId, 'oa', appId, (row, secret) =>
      createOaClient({
        ...this.deps.http,
        db: this.deps.db,
        appId: row.app_id,
        secret,
        baseUrl: row.api_base_url,
      }),
    );
  }

  /** A Mini Program's client (the first one when `appId` is omitted), or null. */
  miniProgram(workspaceId: string, appId?: string): Promise<MiniProgramClient | null> {
    return this.client(workspaceId, 'miniprogram', appId, (row, secret) =>
      createMiniProgramClient({
        ...this.deps.http,
        appId: row.app_id,
        secret,
        baseUrl: row.api_base_url,
      }),
    );
  }

  /** Like `wecom`, but a missing connection is a `conflict` error that says what to do. */
  async requireWecom(workspaceId: string): Promise<WecomClient> {
    return required(await this.wecom(workspaceId), 'wecom');
  }

  async requireOa(workspaceId: string, appId?: string): Promise<OaClient> {
    return required(await this.oa(workspaceId, appId), 'oa');
  }

  async requireMiniProgram(workspaceId: string, appId?: string): Promise<MiniProgramClient> {
    return required(await this.miniProgram(workspaceId, appId), 'miniprogram');
  }

  /** Forgets the workspace's clients (its connections changed); all when omitted. */
  clear(workspaceId?: string): void {
    if (workspaceId === undefined) {
      this.cache.clear();
      return;
    }
    for (const key of this.cache.keys())
      if (key.startsWith(`${workspaceId}|`)) this.cache.delete(key);
  }

  private async client<T>(
    workspaceId: string,
    kind: ConnectionKind,
    appId: string | undefined,
    create: (row: ConnectionRow, secret: string) => T,
  ): Promise<T | null> {
    const key = `${workspaceId}|${kind}|${appId ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached.client as T;
    const row = await findConnectionByApp(this.deps.db, workspaceId, kind, appId);
    if (!row || row.status !== 'active') return null;
    const client = create(row, this.deps.secretBox.open(row.secret_sealed));
    this.cache.set(key, { row, client });
    return client;
  }
}

function required<T>(client: T | null, kind: ConnectionKind): T {
  if (client) return client;
  throw new AppError(
    'conflict',
    `This workspace has no active ${kindNames[kind]} connection; connect one under Settings → Connections (or siyu connect).`,
    { connection: kind },
  );
}
