import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'misdirected_request',
  'validation_failed',
  'invalid_credentials',
  'unauthenticated',
  'session_ended',
  /** The session ended because the account may no longer sign in (deactivated, reseller suspended): the message says why. */
  'account_unavailable',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'stale',
  'link_invalid',
  'rate_limited',
  'database_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape of the API: `{"error":{"code","message","fields"}}`. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof apiErrorSchema>;
