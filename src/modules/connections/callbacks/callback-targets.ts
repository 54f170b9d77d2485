import type { Kysely } from 'kysely';
import { WxBizMsgCrypt } from '../../../channels/shared/wxbiz-crypto.js';
import type { Database } from '../../../database.js';
import type { Clock } from '../../../platform/clock.js';
import type { SecretBox } from '../../../platform/crypto.js';
import { findWorkspaceBySlug } from '../../workspace/workspace.store.js';
import { findConnectionByApp } from '../connection.store.js';
import type { ConnectionRow, ConnectionStatus, EncryptMode } from '../connection.table.js';
import type { CallbackChannel } from './callback.metrics.js';
import { CallbackRejected } from './callback-rejection.js';

/** What a receiver needs to check and open one connection's callbacks, credentials opened. */
export interface CallbackTarget {
  workspaceId: string;
  connectionId: string;
  /** The corp ID (WeCom) or AppID (Official Account): the receiveid of encrypted messages. */
  appId: string;
  status: ConnectionStatus;
  token: string;
  encryptMode: EncryptMode;
  /** The EncodingAESKey: WeCom, and Official Accounts in safe mode. */
  encodingAesKey: string | null;
  /** Built from it. */
  crypt: WxBizMsgCrypt | null;
}

export interface CallbackTargetsOptions {
  /** How long a resolved connection is trusted without a database read. Default 60 s. */
  ttlMs?: number;
  /** How long an unknown address stays unknown. Default 5 s. */
  missTtlMs?: number;
  /** Oldest entries are dropped past this many. Default 10 000. */
  maxEntries?: number;
}

interface Entry {
  result: Promise<CallbackTarget | CallbackRejected>;
  expiresAt: number;
}

/**
 * Connection credentials by callback address, kept in memory with the WxBizMsgCrypt built
 * once per connection: a callback costs no database read and no key derivation. Changes made
 * in this process drop the cache at once (`clear`, wired to the connection services); changes
 * from another process (the CLI, another node) are picked up within `ttlMs`.
 */
export class CallbackTargets {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly missTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly deps: { db: Kysely<Database>; secretBox: SecretBox; clock: Clock },
    options: CallbackTargetsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.missTtlMs = options.missTtlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The connection behind `/callbacks/<slug>/wecom` or `/callbacks/<slug>/oa/<appId>`. */
  async resolve(slug: string, channel: CallbackChannel, appId?: string): Promise<CallbackTarget> {
    const key = `${slug}\n${channel}\n${appId ?? ''}`;
    const now = this.deps.clock.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      const result = this.load(slug, channel, appId);
      entry = { result, expiresAt: now + this.ttlMs };
      this.remember(key, entry);
      const loading = entry;
      result.then(
        (found) => {
          if (found instanceof CallbackRejected) loading.expiresAt = now + this.missTtlMs;
        },
        () => {
          if (this.entries.get(key) === loading) this.entries.delete(key);
        },
      );
    }
    const found = await entry.result;
    if (found instanceof CallbackRejected) throw found;
    return found;
  }

  /** Forgets everything (a connection was created, changed or removed). */
  clear(): void {
    this.entries.clear();
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  private async load(
    slug: string,
    channel: CallbackChannel,
    appId: string | undefined,
  ): Promise<CallbackTarget | CallbackRejected> {
    const workspace = await findWorkspaceBySlug(this.deps.db, slug);
    if (!workspace) return new CallbackRejected('unknown_workspace');
    const row = await findConnectionByApp(this.deps.db, workspace.id, channel, appId);
    if (!row) return new CallbackRejected('unknown_connection');
    return this.targetOf(row);
  }

  private targetOf(row: ConnectionRow): CallbackTarget {
    const { secretBox, clock } = this.deps;
    const token = row.token_sealed === null ? '' : secretBox.open(row.token_sealed);
    const aesKey = row.aes_key_sealed === null ? null : secretBox.open(row.aes_key_sealed);
    return {
      workspaceId: row.workspace_id,
      connectionId: row.id,
      appId: row.app_id,
      status: row.status,
      token,
      encryptMode: row.encrypt_mode ?? 'plaintext',
      encodingAesKey: aesKey,
      crypt:
        aesKey === null
          ? null
          : new WxBizMsgCrypt({ token, encodingAesKey: aesKey, receiveId: row.app_id }, { clock }),
    };
  }
}
