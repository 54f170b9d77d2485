/**
 * Why a WeChat call failed, in words the product (and the setup doctor) can act on.
 * The errcode stays on the error for the details; `kind` is what callers switch on.
 */
export const wechatErrorKinds = [
  /** Bad secret, corp id or app id, or a token the platform refuses. */
  'auth',
  /** The server's egress IP is not in the app's trusted IP list (60020, OA 40164 / 61004). */
  'ip_not_allowed',
  /** The app lacks the permission or visible range for this API or member. */
  'permission',
  /** Frequency limits (45009, 45011, 45033); they lift after a while. */
  'rate_limited',
  /** A per-recipient or per-period quota is used up (e.g. OA 45047); retrying soon will not help. */
  'quota_exceeded',
  /** The service window to this person is closed (OA 45015 after 48 h; kf 95001): skip, don't retry. */
  'window_closed',
  /** The platform is busy (-1), unreachable, timed out or answered 5xx. */
  'unavailable',
  /** The user, contact, department or object does not exist (or is not related). */
  'not_found',
  /** The request itself is wrong: missing or invalid parameters. */
  'invalid_argument',
  /** A one-time code (Mini Program login code) is invalid or already used. */
  'invalid_code',
  /** The platform flagged the user as high-risk (Mini Program 40226). */
  'risky_user',
  /** The effect already happened (welcome message already sent, 41051): do not retry. */
  'already_done',
  /** Another party is doing the same thing right now (41096): may retry shortly. */
  'conflict',
  'unknown',
] as const;
export type WechatErrorKind = (typeof wechatErrorKinds)[number];

const kindByErrcode: Readonly<Record<number, WechatErrorKind>> = {
  [-1]: 'unavailable',
  40001: 'auth',
  40013: 'auth',
  40014: 'auth',
  40125: 'auth',
  40243: 'auth',
  41001: 'auth',
  42001: 'auth',
  60020: 'ip_not_allowed',
  40164: 'ip_not_allowed',
  61004: 'ip_not_allowed',
  48001: 'permission',
  48002: 'permission',
  48004: 'permission',
  60011: 'permission',
  45009: 'rate_limited',
  45011: 'rate_limited',
  45033: 'rate_limited',
  45047: 'quota_exceeded',
  45015: 'window_closed',
  95001: 'window_closed',
  46004: 'not_found',
  60003: 'not_found',
  60111: 'not_found',
  84061: 'not_found',
  40029: 'invalid_code',
  40163: 'invalid_code',
  40226: 'risky_user',
  41051: 'already_done',
  41096: 'conflict',
};

export function classifyErrcode(errcode: number): WechatErrorKind {
  const known = kindByErrcode[errcode];
  if (known) return known;
  // The global code table groups by prefix: 40xxx invalid X, 41xxx missing X, 44xxx empty,
  // 47xxx malformed body, 48xxx forbidden.
  const group = Math.floor(errcode / 1000);
  if (group === 40 || group === 41 || group === 44 || group === 47) return 'invalid_argument';
  if (group === 48) return 'permission';
  return 'unknown';
}

const retryableKinds: ReadonlySet<WechatErrorKind> = new Set([
  'unavailable',
  'rate_limited',
  'conflict',
]);

/** Query parameters whose values never appear in logs or error messages. */
const secretParams = ['access_token', 'corpsecret', 'secret', 'js_code', 'session_key'];
const secretParamPattern = new RegExp(`((?:${secretParams.join('|')})=)[^&\\s"']*`, 'gi');

/** Masks credentials in a URL or any text that may quote one. */
export function redactSecrets(text: string): string {
  return text.replace(secretParamPattern, '$1***');
}

export interface WechatApiErrorInit {
  /** The API path, e.g. `/cgi-bin/externalcontact/get` (no query string). */
  path: string;
  /** The platform's errcode; null when no answer came back (network, timeout, HTTP 5xx). */
  errcode: number | null;
  errmsg: string;
  /** Overrides the classification (used for transport failures). */
  kind?: WechatErrorKind;
  /** HTTP status when the failure was at the HTTP level. */
  httpStatus?: number;
}

/** A WeChat API call that failed for a reason the platform reported (or could not be reached). */
export class WechatApiError extends Error {
  readonly path: string;
  readonly errcode: number | null;
  readonly errmsg: string;
  readonly kind: WechatErrorKind;
  readonly httpStatus: number | undefined;
  /** Whether trying again later can succeed (a job should back off, not dead-letter). */
  readonly retryable: boolean;
  /** The egress IP the platform saw, when its errmsg says so ("from ip: …"). */
  readonly fromIp: string | undefined;

  constructor(init: WechatApiErrorInit) {
    const errmsg = redactSecrets(init.errmsg);
    const kind =
      init.kind ?? (init.errcode === null ? 'unavailable' : classifyErrcode(init.errcode));
    const code = init.errcode === null ? '' : ` ${init.errcode}`;
    super(`WeChat API ${init.path} failed (${kind}):${code} ${errmsg}`);
    this.name = 'WechatApiError';
    this.path = init.path;
    this.errcode = init.errcode;
    this.errmsg = errmsg;
    this.kind = kind;
    this.httpStatus = init.httpStatus;
    this.retryable = retryableKinds.has(kind);
    this.fromIp = /from ip: ?([0-9a-f.:]+)/i.exec(errmsg)?.[1];
  }
}

export function isWechatApiError(error: unknown, kind?: WechatErrorKind): error is WechatApiError {
  return error instanceof WechatApiError && (kind === undefined || error.kind === kind);
}
