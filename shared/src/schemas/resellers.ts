import { z } from 'zod';
import { objectIdSchema, paymentMethodSchema } from './common.js';

export const resellerSummarySchema = z
  .object({ id: objectIdSchema, name: z.string(), paymentMethod: paymentMethodSchema })
  .meta({ id: 'ResellerSummary' });
export type ResellerSummary = z.infer<typeof resellerSummarySchema>;

export const resellerListSchema = z.object({ items: z.array(resellerSummarySchema) }).meta({ id: 'ResellerList' });
