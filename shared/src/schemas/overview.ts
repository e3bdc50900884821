import { z } from 'zod';

/** Counts for a persona's home page, each computed inside the caller's own subtree. */
export const overviewSchema = z
  .object({
    resellers: z.number().int().nullable(),
    customers: z.number().int().nullable(),
    activeCustomers: z.number().int().nullable(),
    ordersPendingApproval: z.number().int(),
    ordersInProgress: z.number().int(),
    ordersTotal: z.number().int(),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;
