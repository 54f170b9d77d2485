import type { z } from 'zod';
import { AppError, errorRegistry, type ErrorCode } from '../../platform/http/errors.js';

/** A request to the sandbox control API (`/sandbox/...`), made over HTTP like any platform call. */
export interface SandboxRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path under the sandbox's base URL, starting with `/sandbox/`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  timeoutMs: number;
}

export interface SandboxAnswer {
  status: number;
  body: unknown;
}

function urlOf(baseUrl: string, request: SandboxRequest): string {
  const url = new URL(`${baseUrl}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** Sends the request and reads the JSON answer, whatever its status; throws only when unreachable. */
export async function callSandbox(
  baseUrl: string,
  request: SandboxRequest,
): Promise<SandboxAnswer> {
  const response = await fetch(urlOf(baseUrl, request), {
    method: request.method,
    headers: {
      accept: 'application/json',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(request.timeoutMs),
    redirect: 'error',
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.hasOwn(errorRegistry, code);

/** The sandbox's error envelope re-raised as our own error (same code, message and details). */
export function sandboxError(answer: SandboxAnswer): AppError {
  const error = (
    answer.body as { error?: { code?: unknown; message?: unknown; details?: unknown } }
  )?.error;
  const message =
    typeof error?.message === 'string'
      ? `Sandbox: ${error.message}`
      : `The sandbox answered HTTP ${answer.status}`;
  if (isErrorCode(error?.code) && error.code !== 'internal_error') {
    return new AppError(error.code, message, error.details);
  }
  return new AppError(
    answer.status === 404 ? 'not_found' : answer.status < 500 ? 'bad_request' : 'not_ready',
    message,
  );
}

/** Calls the sandbox and returns the body of a 2xx answer; anything else becomes an AppError. */
export async function forwardToSandbox(
  baseUrl: string,
  request: SandboxRequest,
): Promise<{ status: number; body: unknown }> {
  let answer: SandboxAnswer;
  try {
    answer = await callSandbox(baseUrl, request);
  } catch (error) {
    throw new AppError('not_ready', `The sandbox at ${baseUrl} did not answer: ${reason(error)}`);
  }
  if (answer.status < 200 || answer.status >= 300) throw sandboxError(answer);
  return answer;
}

export function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (error.name === 'TimeoutError') return 'timed out';
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}

/** The sandbox's answer read with the schema the route promises; a stray shape is a 503. */
export function readAnswer<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('not_ready', 'The sandbox answered in an unexpected shape', {
      issues: parsed.error.issues
        .slice(0, 5)
        .map((i) => ({ path: i.path.join('/'), message: i.message })),
    });
  }
  return parsed.data;
}
