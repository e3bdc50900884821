import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** Staff open a customer's storefront as one of its users; none named: its first admin. */
export const viewAsRequestSchema = z
  .object({ userId: objectIdSchema.optional() })
  .meta({ id: 'ViewAsRequest' });
export type ViewAsRequest = z.infer<typeof viewAsRequestSchema>;

/** While staff view a storefront as a customer's user: who, whose, and until when (read-only). */
export const viewingAsSchema = z
  .object({
    customerId: objectIdSchema,
    customerName: z.string(),
    /** The storefront user whose view this is. */
    userName: z.string(),
    /** The staff member looking. */
    staffName: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ViewingAs' });
export type ViewingAs = z.infer<typeof viewingAsSchema>;

/** Where the staff member goes back to: the record of the customer looked at, in their own area. */
export const viewAsEndedSchema = z
  .object({ customerId: objectIdSchema, staffRole: z.enum(['reseller', 'distributor']) })
  .meta({ id: 'ViewAsEnded' });
export type ViewAsEnded = z.infer<typeof viewAsEndedSchema>;

/** How long one look lasts before the staff member is themselves again (re-open to go on). */
export const VIEW_AS_MINUTES = 30;
