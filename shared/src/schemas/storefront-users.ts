import { z } from 'zod';
import { emailSchema, objectIdSchema, userStateSchema } from './common.js';
import { companyRoleSchema } from './company.js';

/** Languages the storefront and its emails speak. */
export const LANGUAGES = { en: 'English', el: 'Ελληνικά (Greek)', de: 'Deutsch (German)' } as const;
export type Language = keyof typeof LANGUAGES;
export const languageSchema = z.enum(Object.keys(LANGUAGES) as [Language, ...Language[]], { error: 'Choose a language' });

export const DATE_FORMATS = ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;
export const dateFormatSchema = z.enum(DATE_FORMATS, { error: 'Choose a date format' });

const name = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(80, `${label} must be at most 80 characters`);

export const createStorefrontUserSchema = z
  .object({
    firstName: name('First name'),
    lastName: name('Last name'),
    email: emailSchema,
    language: languageSchema,
    dateFormat: dateFormatSchema,
    /** Without one the user is the company's admin, as every user was before company roles. */
    companyRole: companyRoleSchema.default('admin'),
  })
  .meta({ id: 'CreateStorefrontUser' });
export type CreateStorefrontUser = z.infer<typeof createStorefrontUserSchema>;

export const storefrontUserSchema = z
  .object({
    id: objectIdSchema,
    customerId: objectIdSchema,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    language: z.string(),
    dateFormat: z.string(),
    state: userStateSchema,
    companyRole: companyRoleSchema,
    /** Spending limits in the customer's currency; null: none. */
    orderLimit: z.number().nullable(),
    monthlyLimit: z.number().nullable(),
    lastSignInAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    /** The row actions the caller may take on this user in its current state. */
    abilities: z
      .object({ resendActivation: z.boolean(), resetPassword: z.boolean(), deactivate: z.boolean(), activate: z.boolean(), setCompanyRole: z.boolean() })
      .meta({ id: 'StorefrontUserAbilities' }),
  })
  .meta({ id: 'StorefrontUser' });
export type StorefrontUser = z.infer<typeof storefrontUserSchema>;

export const storefrontUserListQuerySchema = z
  .object({ search: z.string().trim().max(100, 'Search must be at most 100 characters').optional() })
  .meta({ id: 'StorefrontUserListQuery' });
export const storefrontUserListSchema = z
  .object({ items: z.array(storefrontUserSchema), total: z.number().int() })
  .meta({ id: 'StorefrontUserList' });
export type StorefrontUserList = z.infer<typeof storefrontUserListSchema>;

export const storefrontUserActionResultSchema = z
  .object({
    user: storefrontUserSchema,
    /** False when the email could not be handed to the mail server; the action itself was done. */
    emailSent: z.boolean(),
  })
  .meta({ id: 'StorefrontUserActionResult' });
export type StorefrontUserActionResult = z.infer<typeof storefrontUserActionResultSchema>;
