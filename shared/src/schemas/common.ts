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
