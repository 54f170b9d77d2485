/**
 * The one error registry: every expected failure has a stable code and an HTTP status.
 * Clients switch on `code`; messages are for humans and may change.
 */
export const errorRegistry = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  /** A one-time login code (Mini Program wx.login) that is invalid, expired or used. */
  invalid_login_code: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  /** The platform refused the user (Mini Program login of a user flagged high-risk). */
  login_refused: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_error: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorRegistry;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorRegistry[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
