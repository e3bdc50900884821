import { z } from 'zod';

/** A MongoDB ObjectId as the API shows it: 24 hex characters. */
export const objectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/, 'Must be a 24-character hexadecimal id')
  .meta({ id: 'ObjectId' });

export const idParamsSchema = z.object({ id: objectIdSchema });

export const paymentMethodSchema = z.enum(['credit_card', 'cash', 'deposit']).meta({ id: 'PaymentMethod' });
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * The life of an order (rule 2); the BFF's model and the web both take it from here. A buyer's
 * order in a company with approvers first waits for them (`pending_company_approval`).
 */
export const ORDER_STATUSES = ['pending_company_approval', 'pending_approval', 'in_progress', 'executed', 'canceled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The life of a sign-in account: added (waiting for its activation link), active, deactivated. */
export const USER_STATES = ['pending_activation', 'active', 'deactivated'] as const;
export const userStateSchema = z.enum(USER_STATES).meta({ id: 'UserState' });
export type UserState = z.infer<typeof userStateSchema>;

/** An email as every form takes it: trimmed, lower-cased, at most 254 characters. */
/** An email address; `label` names it in the messages where a form has more than one. */
export const emailSchemaFor = (label = 'Email') =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .toLowerCase()
    .min(1, `${label} is required`)
    .max(254, `${label} must be at most 254 characters`)
    .pipe(z.email(label === 'Email' ? 'Enter a valid email address' : `${label}: enter a valid email address`));
export const emailSchema = emailSchemaFor();
