import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/crypto.js';
import { WechatApiError } from './api-errors.js';
import type { Sleep } from './backoff.js';
import {
  claimTokenRefresh,
  ensureAccessTokenRow,
  expireAccessToken,
  findAccessToken,
  releaseTokenRefresh,
  saveRefreshedToken,
  type StoredAccessToken,
} from './token-store.js';

/** Where authenticated calls get their access token. */
export interface AccessTokenSource {
  get(): Promise<string>;
  /** The platform rejected `token` (40014, 42001): the next get() fetches a new one. */
  invalidate(token: string): Promise<void>;
}

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface AccessTokenCacheOptions {
  db: Kysely<Database>;
  cacheKey: string;
  /** Calls the platform's token endpoint. */
  fetchToken: () => Promise<FetchedToken>;
  clock: Clock;
  sleep: Sleep;
  /** Refresh this long before the platform's expiry. Default 5 minutes. */
  refreshEarlyMs?: number;
  /** How long a process may hold the refresh lock before others may take over. Default 30 s. */
  lockMs?: number;
  /** How often a process waiting for another's refresh looks for the new token. Default 100 ms. */
  pollMs?: number;
}

/**
 * A stable cache key for one credential that does not reveal the secret: the platform, the
 * corp or app id (readable, for operators) and a hash over base URL, id and secret (so the
 * sandbox and the real platform, or two apps of one corp, never share a token).
 */
export function accessTokenCacheKey(
  platform: string,
  id: string,
  secret: string,
  baseUrl: string,
): string {
  const digest = sha256Hex(`${platform}\n${baseUrl}\n${id}\n${secret}`).slice(0, 32);
  return `${platform}:${id}:${digest}`;
}

/** Refreshes in progress in this process, per database and cache key. */
const inFlightByDb = new WeakMap<object, Map<string, Promise<string>>>();

function inFlightFor(db: object): Map<string, Promise<string>> {
  let map = inFlightByDb.get(db);
  if (!map) {
    map = new Map();
    inFlightByDb.set(db, map);
  }
  return map;
}

/**
 * Access tokens cached in the database, shared by every process. One refresh at a time: within
 * a process through a shared promise, across processes through a lock row claimed with a
 * conditional UPDATE; the others wait for the winner's token.
 */
export class AccessTokenCache implements AccessTokenSource {
  private readonly refreshEarlyMs: number;
  private readonly lockMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: AccessTokenCacheOptions) {
    this.refreshEarlyMs = options.refreshEarlyMs ?? 5 * 60_000;
    this.lockMs = options.lockMs ?? 30_000;
    this.pollMs = options.pollMs ?? 100;
  }

  async get(): Promise<string> {
    const cached = await findAccessToken(this.options.db, this.options.cacheKey);
    if (cached && this.isFresh(cached)) return cached.token;
    const inFlight = inFlightFor(this.options.db);
    const existing = inFlight.get(this.options.cacheKey);
    if (existing) return existing;
    const refresh = this.refreshOnce().finally(() => inFlight.delete(this.options.cacheKey));
    inFlight.set(this.options.cacheKey, refresh);
    return refresh;
  }

  async invalidate(token: string): Promise<void> {
    const { db, cacheKey, clock } = this.options;
    await expireAccessToken(db, cacheKey, token, clock.now());
  }

  private isFresh(token: StoredAccessToken): boolean {
    return token.expiresAt - this.refreshEarlyMs > this.options.clock.now();
  }

  private async refreshOnce(): Promise<string> {
    const { db, cacheKey, clock, sleep } = this.options;
    await ensureAccessTokenRow(db, cacheKey, clock.now());
    // Waiting a little longer than a lock lasts lets a crashed holder's lock lapse.
    const maxPolls = Math.ceil(this.lockMs / this.pollMs) + 1;
    for (let poll = 0; ; poll++) {
      const now = clock.now();
      const claimed = await claimTokenRefresh(db, cacheKey, {
        now,
        lockUntil: now + this.lockMs,
        staleAfter: now + this.refreshEarlyMs,
      });
      if (claimed) return this.fetchAndSave();
      const current = await findAccessToken(db, cacheKey);
      if (current && this.isFresh(current)) return current.token;
      if (poll >= maxPolls) {
        throw new WechatApiError({
          path: 'access token refresh',
          errcode: null,
          errmsg: 'timed out waiting for another process to refresh the access token',
        });
      }
      await sleep(this.pollMs);
    }
  }

  private async fetchAndSave(): Promise<string> {
    const { db, cacheKey, clock, fetchToken } = this.options;
    let fetched: FetchedToken;
    try {
      fetched = await fetchToken();
    } catch (error) {
      await releaseTokenRefresh(db, cacheKey, clock.now());
      throw error;
    }
    const now = clock.now();
    await saveRefreshedToken(db, cacheKey, {
      token: fetched.token,
      expiresAt: now + fetched.expiresInSeconds * 1000,
      now,
    });
    return fetched.token;
  }
}
