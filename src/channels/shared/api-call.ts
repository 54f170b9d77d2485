import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { WechatApiError } from './api-errors.js';
import { AccessTokenCache, accessTokenCacheKey, type AccessTokenSource } from './token-cache.js';
import { WechatHttp, type WechatHttpSettings, type WechatRequest } from './wechat-http.js';

type Query = Readonly<Record<string, string | number | undefined>>;

/**
 * What the typed client methods call. `T` is the wire shape the method expects back; it is
 * not checked at run time, so mapping functions treat every field as possibly missing.
 */
export interface ApiCaller {
  get<T>(path: string, query?: Query, options?: { sideEffect?: boolean }): Promise<T>;
  post<T>(path: string, body: unknown, options?: { sideEffect?: boolean }): Promise<T>;
}

/** How a client gets its access token. */
export interface TokenEndpoint {
  db: Kysely<Database>;
  cacheKey: string;
  /** The token request (it carries the secret; it is never logged or put in an error). */
  request: WechatRequest;
  refreshEarlyMs?: number;
}

/** A token cache whose refresh calls the platform's token endpoint through `http`. */
export function createTokenSource(http: WechatHttp, endpoint: TokenEndpoint): AccessTokenCache {
  return new AccessTokenCache({
    db: endpoint.db,
    cacheKey: endpoint.cacheKey,
    clock: http.clock,
    sleep: http.sleep,
    refreshEarlyMs: endpoint.refreshEarlyMs,
    fetchToken: async () => {
      const json = await http.call(endpoint.request);
      const token = json.access_token;
      const expiresIn = json.expires_in;
      if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number') {
        throw new WechatApiError({
          path: endpoint.request.path,
          errcode: null,
          errmsg: 'the token response has no access_token or expires_in',
          kind: 'unknown',
        });
      }
      return { token, expiresInSeconds: expiresIn };
    },
  });
}

/** Binds `http` to a token source (or none, for calls that take no access token). */
export function createApiCaller(http: WechatHttp, tokens?: AccessTokenSource): ApiCaller {
  return {
    get: async <T>(path: string, query?: Query, options: { sideEffect?: boolean } = {}) =>
      (await http.call(
        { method: 'GET', path, query, sideEffect: options.sideEffect },
        tokens,
      )) as T,
    post: async <T>(path: string, body: unknown, options: { sideEffect?: boolean } = {}) =>
      (await http.call(
        { method: 'POST', path, body, sideEffect: options.sideEffect },
        tokens,
      )) as T,
  };
}

export interface AuthenticatedCallerOptions {
  settings: WechatHttpSettings;
  db: Kysely<Database>;
  /** `wecom` or `oa`: names the cache and rate-limit keys. */
  platform: string;
  /** Corp id or app id. */
  id: string;
  secret: string;
  /** The token request for this id and secret. */
  tokenRequest: WechatRequest;
  /** Errcodes meaning the token is no good (refresh once, retry once). */
  tokenRejectedErrcodes: readonly number[];
  tokenRefreshEarlyMs?: number;
}

/** The caller a token-authenticated client (WeCom, Official Account) is built on. */
export function createAuthenticatedCaller(options: AuthenticatedCallerOptions): {
  api: ApiCaller;
  tokens: AccessTokenSource;
} {
  const { settings, platform, id } = options;
  const http = new WechatHttp({
    ...settings,
    rateLimitKey: `${platform}:${id}`,
    tokenRejectedErrcodes: options.tokenRejectedErrcodes,
  });
  const tokens = createTokenSource(http, {
    db: options.db,
    cacheKey: accessTokenCacheKey(platform, id, options.secret, settings.baseUrl),
    request: options.tokenRequest,
    refreshEarlyMs: options.tokenRefreshEarlyMs,
  });
  return { api: createApiCaller(http, tokens), tokens };
}
