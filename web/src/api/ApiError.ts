/** An expected failure reported by the server's error envelope, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request fields a `validation_failed` error names (`body/email`, `querystring/limit`…). */
export function failedPaths(error: ApiError): Set<string> {
  const details: unknown = error.details;
  if (!Array.isArray(details)) return new Set();
  return new Set(
    details
      .map((detail: unknown) => (detail as { path?: unknown } | null)?.path)
      .filter((path): path is string => typeof path === 'string'),
  );
}

export const isApiError = (error: unknown, code?: string): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Turns a non-2xx response into an ApiError, whatever its body. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorEnvelope(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details);
  }
  const code = response.status >= 500 ? 'internal_error' : `http_${response.status}`;
  return new ApiError(response.status, code, `${response.status} ${response.statusText}`);
}
