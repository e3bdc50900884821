import { z } from 'zod';

/** Counts for a persona's home page, each computed inside the caller's own subtree. */
export const overviewSchema = z
  .object({
    resellers: z.number().int().nullable(),
    /** Of those, suspended by the distributor (distributors only). */
    suspendedResellers: z.number().int().nullable(),
    customers: z.number().int().nullable(),
    activeCustomers: z.number().int().nullable(),
    /** Sum of the customers' monthly run rates (staff only), in `currency`. */
    monthlyRunRate: z.number().nullable(),
    currency: z.string(),
    ordersPendingApproval: z.number().int(),
    /** Orders waiting for the customer's own approvers (the storefront's Approvals). */
    ordersPendingCompanyApproval: z.number().int(),
    ordersInProgress: z.number().int(),
    ordersTotal: z.number().int(),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;
