import type { ErrorRequestHandler } from 'express';
import mongoose from 'mongoose';
import type { ErrorCode } from '@app/shared';
import { AppError, notFound } from '../errors/app-error.js';

/** The one place an error code becomes an HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  link_invalid: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  session_ended: 401,
  account_unavailable: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  misdirected_request: 421,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  database_unavailable: 503,
};

export const statusOf = (err: AppError): number => HTTP_STATUS[err.code];

const DB_DOWN_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  // In-flight operations interrupted when a heartbeat times out (a stalled server).
  'PoolClearedOnNetworkError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  // db/write-lock.ts: a write waited too long for its turn on the embedded database.
  'WriteLockTimeoutError',
]);
// MaxTimeMSExpired: the server gave up on the operation's time limit.
const DB_TIMEOUT_CODES = new Set([50]);

/**
 * FerretDB answers with its own error when it loses PostgreSQL under an operation: a connection
 * exception (SQLSTATE class 08), a shutdown or restart (57P01-57P03), or its driver's words for a
 * connection that could not be made or broke. An outage, not a bug.
 */
const POSTGRES_GONE = /\(SQLSTATE (08\w{3}|57P0[123])\)|failed to connect to|\bconn closed\b|connection reset by peer|broken pipe|unexpected EOF/;

function isDatabaseDown(err: unknown): boolean {
  return (
    err instanceof Error &&
    (DB_DOWN_ERRORS.has(err.name) ||
      (err.name === 'MongoServerError' && DB_TIMEOUT_CODES.has((err as { code?: unknown }).code as number)) ||
      (err.name === 'MongoServerError' && POSTGRES_GONE.test(err.message)) ||
      /client must be connected/i.test(err.message))
  );
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; name?: string };
  if (e?.type === 'entity.parse.failed') return new AppError('bad_request', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large.');
  // Express could not decode a path parameter (`/api/customers/abc%`): the client's mistake.
  if (err instanceof URIError && e.status === 400) return new AppError('bad_request', 'The request path is not validly encoded.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('bad_request', 'The request body encoding is not supported.');
  }
  // The body parser's other refusals carry 400 without a type: a body whose Content-Encoding
  // (gzip, deflate, br) does not decode (zlib's error, marked safe to show).
  if (e?.status === 400 && !e.type && (err as { expose?: boolean }).expose === true) {
    return new AppError('bad_request', 'The request body could not be read: it does not decode as its Content-Encoding says.');
  }
  if (err instanceof mongoose.Error.CastError) return notFound();
  if (isDatabaseDown(err)) {
    return new AppError('database_unavailable', 'The database is not available right now. Please try again shortly.');
  }
  return new AppError('internal', 'Something went wrong on our side. Please try again.');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  const status = statusOf(appError);
  if (status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(appError.headers ?? {})) res.setHeader(name, value);
  res.status(status).json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
    },
  });
};
