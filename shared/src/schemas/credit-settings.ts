import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** Without a setting: an invoice more than 30 days overdue makes the customer's orders wait for approval. */
export const DEFAULT_OVERDUE_APPROVAL_DAYS = 30;
export const MAX_OVERDUE_APPROVAL_DAYS = 365;

/**
 * A reseller's credit setting: an invoice overdue by more than this many days makes the customer's
 * orders wait for approval (credit decides approval, invoices/). Its staff change it; its
 * distributor reads it.
 */
export const creditSettingsSchema = z
  .object({
    resellerId: objectIdSchema,
    overdueApprovalDays: z.number().int(),
    /** The reseller's revision: an edit sent on an older one is stale (409). */
    revision: z.number().int(),
    abilities: z.object({ edit: z.boolean() }).meta({ id: 'CreditSettingsAbilities' }),
  })
  .meta({ id: 'CreditSettings' });
export type CreditSettings = z.infer<typeof creditSettingsSchema>;

export const updateCreditSettingsSchema = z
  .object({
    overdueApprovalDays: z
      .number({ error: 'Enter a number of days' })
      .int('Enter a whole number of days')
      .min(0, 'At least 0 days')
      .max(MAX_OVERDUE_APPROVAL_DAYS, `At most ${MAX_OVERDUE_APPROVAL_DAYS} days`),
    revision: z.number().int().min(1),
  })
  .meta({ id: 'UpdateCreditSettings' });
export type UpdateCreditSettings = z.infer<typeof updateCreditSettingsSchema>;
