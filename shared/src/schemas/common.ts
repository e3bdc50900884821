import { z } from 'zod';

/** A MongoDB ObjectId as the API shows it: 24 hex characters. */
export const objectIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/, 'Must be a 24-character hexadecimal id')
  .meta({ id: 'ObjectId' });

export const idParamsSchema = z.object({ id: objectIdSchema });

export const paymentMethodSchema = z.enum(['credit_card', 'cash', 'deposit']).meta({ id: 'PaymentMethod' });
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const orderStatusSchema = z
  .enum(['pending_approval', 'in_progress', 'executed', 'canceled'])
  .meta({ id: 'OrderStatus' });
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const storefrontUserStateSchema = z
  .enum(['pending_activation', 'active', 'deactivated'])
  .meta({ id: 'StorefrontUserState' });
export type StorefrontUserState = z.infer<typeof storefrontUserStateSchema>;

/** An email as every form takes it: trimmed, lower-cased, at most 254 characters. */
export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .min(1, 'Email is required')
  .max(254, 'Email must be at most 254 characters')
  .pipe(z.email('Enter a valid email address'));
