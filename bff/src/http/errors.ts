import type { ErrorRequestHandler } from 'express';
import mongoose from 'mongoose';
import type { ErrorCode } from '@app/shared';

/** The one error type of the BFF: a status, a stable code, a message a person can read. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'The requested item') => new AppError(404, 'not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, 'forbidden', message);
export const validationFailed = (fields: Record<string, string>, message = 'Some fields need your attention.') =>
  new AppError(400, 'validation_failed', message, fields);
export const conflict = (message: string, code: ErrorCode = 'conflict', fields?: Record<string, string>) =>
  new AppError(409, code, message, fields);

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

function isDatabaseDown(err: unknown): boolean {
  return (
    err instanceof Error &&
    (DB_DOWN_ERRORS.has(err.name) ||
      (err.name === 'MongoServerError' && DB_TIMEOUT_CODES.has((err as { code?: unknown }).code as number)) ||
      /client must be connected/i.test(err.message))
  );
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; name?: string };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'bad_request', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new AppError(400, 'bad_request', 'The request body is too large.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError(400, 'bad_request', 'The request body encoding is not supported.');
  }
  if (err instanceof mongoose.Error.CastError) return notFound();
  if (isDatabaseDown(err)) {
    return new AppError(503, 'database_unavailable', 'The database is not available right now. Please try again shortly.');
  }
  return new AppError(500, 'internal', 'Something went wrong on our side. Please try again.');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(appError.headers ?? {})) res.setHeader(name, value);
  res.status(appError.status).json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
    },
  });
};
