import type { Logger } from '../../platform/log.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { WechatApiError } from './api-errors.js';
import {
  defaultRetryPolicy,
  nextRetryDelay,
  realSleep,
  type RetryPolicy,
  type Sleep,
} from './backoff.js';
import {
  processRateLimiter,
  rateBudgetFor,
  type ApiRateLimits,
  type RateLimit,
  type RateLimiter,
} from './rate-limiter.js';
import type { AccessTokenSource } from './token-cache.js';

/** Settings shared by every WeChat client; all but the base URL have working defaults. */
export interface WechatHttpSettings {
  /** e.g. `https://qyapi.weixin.qq.com`; may carry a path prefix (a sandbox mount). */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per attempt, connection to last body byte. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Default: the process-wide in-memory limiter. */
  rateLimiter?: RateLimiter;
  /** Default 20 requests per second per corp or app. */
  rateLimit?: RateLimit;
  /** APIs (by path) with a budget of their own instead of `rateLimit`; the client sets defaults. */
  apiRateLimits?: ApiRateLimits;
  clock?: Clock;
  sleep?: Sleep;
  /** For the backoff jitter; injectable so tests are deterministic. */
  random?: () => number;
  logger?: Logger;
}

export interface WechatHttpOptions extends WechatHttpSettings {
  /** The corp or app whose rate budget the calls spend. */
  rateLimitKey: string;
  /** Errcodes that mean "this access token is no good": refresh once and retry once. */
  tokenRejectedErrcodes: readonly number[];
}

export interface WechatRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: unknown;
  /**
   * The call creates or sends something. A failure that leaves the outcome unknown (timeout,
   * dropped connection, HTTP 5xx) is then not retried: the first attempt may have taken effect.
   */
  sideEffect?: boolean;
}

/** A decoded JSON answer with errcode 0 (or none, as some Official Account APIs omit it). */
export type WechatJson = Record<string, unknown>;

/** Errcodes worth retrying after a pause: busy, and the frequency limits. */
const retryableErrcodes: ReadonlySet<number> = new Set([-1, 45009, 45011, 45033]);

/** Connection failures that happen before the request could reach the platform. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

type Outcome =
  { ok: true; json: WechatJson } | { ok: false; error: WechatApiError; retryable: boolean };

/**
 * Sends WeChat API requests: access token, rate limit, timeout, retries with backoff within a
 * budget, one token refresh on 40014/42001, and typed errors that never carry a credential.
 */
export class WechatHttp {
  private readonly fetch: typeof fetch;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly rateLimiter: RateLimiter;
  private readonly rateLimit: RateLimit;
  readonly clock: Clock;
  readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly options: WechatHttpOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.rateLimiter = options.rateLimiter ?? processRateLimiter;
    this.rateLimit = options.rateLimit ?? { perSecond: 20 };
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** Calls the API; with `tokens`, as an authenticated call carrying `access_token`. */
  async call(request: WechatRequest, tokens?: AccessTokenSource): Promise<WechatJson> {
    const started = this.clock.now();
    let attempts = 0;
    let tokenRefreshed = false;
    for (;;) {
      attempts += 1;
      const token = tokens ? await tokens.get() : undefined;
      const outcome = await this.attempt(request, token);
      if (outcome.ok) return outcome.json;
      const { error } = outcome;
      if (
        tokens &&
        token !== undefined &&
        !tokenRefreshed &&
        error.errcode !== null &&
        this.options.tokenRejectedErrcodes.includes(error.errcode)
      ) {
        tokenRefreshed = true;
        attempts -= 1;
        await tokens.invalidate(token);
        this.options.logger?.info(
          { path: request.path, errcode: error.errcode },
          'WeChat token rejected; refreshing',
        );
        continue;
      }
      const delay = outcome.retryable
        ? nextRetryDelay(
            this.retry,
            { attempts, elapsedMs: this.clock.now() - started },
            this.random,
          )
        : null;
      if (delay === null) throw error;
      this.options.logger?.warn(
        { path: request.path, errcode: error.errcode, kind: error.kind, attempts, delayMs: delay },
        'WeChat call failed; retrying',
      );
      await this.sleep(delay);
    }
  }

  private async attempt(request: WechatRequest, token: string | undefined): Promise<Outcome> {
    const budget = rateBudgetFor(
      this.options.rateLimitKey,
      request.path,
      this.rateLimit,
      this.options.apiRateLimits,
    );
    await this.rateLimiter.acquire(budget.key, budget.limit);
    const url = this.url(request, token);
    const path = request.path;
    const started = this.clock.now();
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(url, {
        method: request.method,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      const { reason, sent } = describeTransportFailure(cause, this.timeoutMs);
      const error = new WechatApiError({ path, errcode: null, errmsg: reason });
      return { ok: false, error, retryable: !sent || !request.sideEffect };
    }
    this.options.logger?.debug({ path, status, ms: this.clock.now() - started }, 'WeChat call');
    if (status >= 500) {
      const error = new WechatApiError({
        path,
        errcode: null,
        errmsg: `HTTP ${status}`,
        httpStatus: status,
      });
      return { ok: false, error, retryable: !request.sideEffect };
    }
    const json = parseJsonObject(text);
    if (status >= 400 || !json) {
      const errmsg = status >= 400 ? `HTTP ${status}` : 'the response is not a JSON object';
      const error = new WechatApiError({
        path,
        errcode: null,
        errmsg,
        kind: 'unknown',
        httpStatus: status,
      });
      return { ok: false, error, retryable: false };
    }
    const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
    if (errcode === 0) return { ok: true, json };
    const errmsg = typeof json.errmsg === 'string' ? json.errmsg : '';
    const error = new WechatApiError({ path, errcode, errmsg });
    return { ok: false, error, retryable: retryableErrcodes.has(errcode) };
  }

  private url(request: WechatRequest, token: string | undefined): string {
    const params = new URLSearchParams();
    if (token !== undefined) params.set('access_token', token);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) params.set(name, String(value));
    const query = params.toString();
    return `${this.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }
}

function parseJsonObject(text: string): WechatJson | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as WechatJson)
      : null;
  } catch {
    return null;
  }
}

/** What went wrong on the wire, and whether the request may have reached the platform. */
function describeTransportFailure(
  cause: unknown,
  timeoutMs: number,
): { reason: string; sent: boolean } {
  if (cause instanceof Error && cause.name === 'TimeoutError')
    return { reason: `no answer within ${timeoutMs} ms`, sent: true };
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof inner?.code === 'string' ? inner.code : undefined;
  const message = typeof inner?.message === 'string' ? inner.message : String(cause);
  return {
    reason: `network error: ${code ?? message}`,
    sent: code === undefined || !notSentCodes.has(code),
  };
}
