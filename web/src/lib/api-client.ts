import { apiErrorSchema, CSRF_HEADER, CSRF_HEADER_VALUE, type ErrorCode } from '@app/shared';

/** Any non-2xx answer of the BFF, parsed from its one error shape. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Listener = (error: ApiRequestError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Lets the app react in one place when any request finds the session gone. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file sent as the body itself (an upload the server streams to disk), instead of JSON. */
  file?: Blob;
  /** Do not announce a 401 (the "who am I" probe and sign-in answer 401 as a matter of course). */
  quietUnauthorized?: boolean;
  signal?: AbortSignal;
  /** For a GET polled with its ETag (`apiRequestIfChanged`): the answer held, if any. */
  conditional?: { etag: string; previous: unknown } | null;
}

/** The last answer of each conditionally polled path with its ETag (the tag is a hash of the body). */
const lastAnswers = new Map<string, { etag: string; body: unknown }>();

/**
 * A GET that sends back the ETag of the last answer to the same path, so a poll of data that has
 * not changed costs the server a key lookup and the network a 304 without a body. The tag names
 * the body exactly, so the remembered body is the answer whoever asks.
 */
export async function apiRequestIfChanged<T>(path: string, opts: Omit<RequestOptions, 'method' | 'body' | 'conditional'> = {}): Promise<T> {
  const last = lastAnswers.get(path);
  return apiRequest<T>(path, { ...opts, conditional: last ? { etag: last.etag, previous: last.body } : null });
}

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.conditional) headers['If-None-Match'] = opts.conditional.etag;
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.file) headers['Content-Type'] = 'application/octet-stream';

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  if (res.status === 304 && opts.conditional) return opts.conditional.previous as T;
  const payload: unknown = await res.json().catch(() => null);
  const etag = res.headers.get('ETag');
  if (res.ok && etag && opts.conditional !== undefined) lastAnswers.set(path, { etag, body: payload });
  if (res.ok) return payload as T;

  const parsed = apiErrorSchema.safeParse(payload);
  const error = parsed.success
    ? new ApiRequestError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields)
    : new ApiRequestError(res.status, 'internal', `The server answered ${res.status}. Please try again.`);
  if (res.status === 401 && !opts.quietUnauthorized) unauthorizedListeners.forEach((l) => l(error));
  throw error;
}

const HEAD_REFUSALS: Record<number, [ErrorCode, string]> = {
  400: ['bad_request', 'These filters cannot be used. Reload the page and try again.'],
  401: ['unauthenticated', 'Your session has ended. Please sign in again.'],
  403: ['forbidden', 'You are not allowed to do this.'],
  404: ['not_found', 'This list no longer exists, or is not yours.'],
  429: ['rate_limited', 'Too many requests. Please wait a moment and try again.'],
  503: ['database_unavailable', 'The database is not available right now. Please try again shortly.'],
};

/**
 * Asks whether a GET would be answered, without its body (`HEAD`): the server runs the same checks
 * (session, role, input, tenancy). A HEAD answer has no body, so the message comes from the status.
 */
export async function checkRequest(path: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'HEAD', credentials: 'same-origin' });
  } catch {
    throw new ApiRequestError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (res.ok) return;
  const [code, message] = HEAD_REFUSALS[res.status] ?? ['internal', `The server answered ${res.status}. Please try again.`];
  const error = new ApiRequestError(res.status, code, message);
  if (res.status === 401) unauthorizedListeners.forEach((l) => l(error));
  throw error;
}

/** Builds `?a=1&b=2` from defined, non-empty values. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
