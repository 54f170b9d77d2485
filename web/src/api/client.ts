import { ApiError, apiErrorFromResponse } from './ApiError';

export { ApiError, failedPaths, isApiError } from './ApiError';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Set to false where a 401 is an answer rather than an expired session (login, session probe). */
  redirectOnUnauthenticated?: boolean;
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {
  window.location.assign('/login');
};

/** The token from the login or session response; sent back on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the session has expired (the app clears it and shows the login page). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Sends a request; a non-2xx answer throws an ApiError (and a 401 ends the session). */
async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', (error as Error).message);
  }

  if (!response.ok) {
    const error = await apiErrorFromResponse(response);
    if (response.status === 401 && options.redirectOnUnauthenticated !== false) {
      setCsrfToken(null);
      onUnauthenticated();
    }
    throw error;
  }
  return response;
}

export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A request answered with a file (an export): its content and the name the server gave it. */
export async function requestFile(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send(method, path, options);
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const filename = match ? decodeURIComponent(match[1] ?? match[2] ?? '') : null;
  return { blob: await response.blob(), filename };
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** Encodes one path segment (a slug or an id) for use in an API path. */
export const segment = (value: string): string => encodeURIComponent(value);
