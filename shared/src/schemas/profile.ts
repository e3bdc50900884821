import { z } from 'zod';
import { newPasswordSchema } from './passwords.js';
import { dateFormatSchema, languageSchema } from './storefront-users.js';

const name = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(80, `${label} must be at most 80 characters`);

/** What a signed-in person may change about themselves, whatever their role. */
export const profileFieldsSchema = z
  .object({ firstName: name('First name'), lastName: name('Last name'), language: languageSchema, dateFormat: dateFormatSchema })
  .meta({ id: 'ProfileFields' });
export type ProfileFields = z.infer<typeof profileFieldsSchema>;

/** The signed-in person's own profile; the email is their sign-in name, changed by whoever manages their account. */
export const profileSchema = profileFieldsSchema.extend({ email: z.string() }).meta({ id: 'Profile' });
export type Profile = z.infer<typeof profileSchema>;

/** A new password, proved by the current one. */
export const changePasswordSchema = z
  .object({ currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(256), newPassword: newPasswordSchema })
  .meta({ id: 'ChangePassword' });
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const passwordChangedSchema = z
  .object({ /** The person's other sessions that the change signed out (this one stays). */ otherSessionsEnded: z.number().int() })
  .meta({ id: 'PasswordChanged' });
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
