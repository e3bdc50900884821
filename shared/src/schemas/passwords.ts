import { z } from 'zod';
import { emailSchema } from './common.js';

/** At least 10 characters with a letter and a digit or symbol; long passphrases welcome. */
export const newPasswordSchema = z
  .string({ error: 'Choose a password' })
  .min(10, 'Use at least 10 characters')
  .max(128, 'Use at most 128 characters')
  .refine((p) => /\p{L}/u.test(p) && /[^\p{L}]/u.test(p), 'Mix letters with digits or symbols');

export const setPasswordWithTokenSchema = z
  .object({ token: z.string().min(20, 'This link is incomplete').max(200), password: newPasswordSchema })
  .meta({ id: 'SetPasswordWithToken' });
export type SetPasswordWithToken = z.infer<typeof setPasswordWithTokenSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema }).meta({ id: 'ForgotPassword' });

export const passwordSetResultSchema = z.object({ email: z.string() }).meta({ id: 'PasswordSetResult' });

/** Asks whether an emailed link still works, without using it up (the page says so at once). */
export const linkStatusRequestSchema = z
  .object({ token: z.string().max(200), purpose: z.enum(['activation', 'reset']) })
  .meta({ id: 'LinkStatusRequest' });
export const linkStatusSchema = z.object({ valid: z.boolean() }).meta({ id: 'LinkStatus' });
export type LinkStatus = z.infer<typeof linkStatusSchema>;
