import type { ErrorCode } from '@app/shared';

export interface AppErrorOptions {
  /** Per-field messages, for forms (`{ "email": "…" }`). */
  fields?: Record<string, string>;
  /** Extra answer headers a refusal needs (Retry-After). */
  headers?: Record<string, string>;
}

/**
 * The one error type of the BFF: a stable code and a message a person can read. It knows no
 * transport: `http/error-handler.ts` derives the HTTP status from the code, so services, scripts
 * and jobs can throw it without knowing about HTTP.
 */
export class AppError extends Error {
  readonly fields?: Record<string, string>;
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export const notFound = (what = 'The requested item') => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('forbidden', message);
export const validationFailed = (fields: Record<string, string>, message = 'Some fields need your attention.') =>
  new AppError('validation_failed', message, { fields });
export const conflict = (message: string, code: 'conflict' | 'stale' = 'conflict', fields?: Record<string, string>) =>
  new AppError(code, message, { fields });
