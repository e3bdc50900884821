import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { approvalRuleSchema } from './company.js';
import { customerListQuerySchema } from './customers.js';

/** The most customers one bulk action decides: above it, narrow the filter (each is decided and audited on its own). */
export const CUSTOMER_BULK_LIMIT = 5000;
/** The most ids one request names row by row (the API's 100 kB body limit); larger sets go by filter. */
export const CUSTOMER_BULK_IDS_LIMIT = 3000;

/** The grid's view without its sort and paging: what "all matching the filter" means. */
export const customerBulkFilterSchema = customerListQuerySchema
  .pick({ search: true, active: true, storefrontAccess: true, approvalRequired: true, resellerId: true, priceLevelId: true })
  // Nothing else: a key the grid has no filter for is a mistake (or an operator), not a wider view.
  .strict()
  .meta({ id: 'CustomerBulkFilter' });
export type CustomerBulkFilter = z.infer<typeof customerBulkFilterSchema>;

/**
 * Which customers: rows picked in the grid, or every customer matching the grid's filter, which
 * the server resolves itself under the caller's scope. `confirmedCount` is the count the person
 * saw and confirmed: if the filter now matches another number the action is refused (409) and
 * nothing is changed.
 */
export const customerSelectionSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ids'),
      ids: z
        .array(objectIdSchema)
        .min(1, 'Choose customers')
        .max(CUSTOMER_BULK_IDS_LIMIT, `At most ${CUSTOMER_BULK_IDS_LIMIT.toLocaleString('en')} customers picked one by one; select "all matching" for more`),
    }),
    z.object({
      kind: z.literal('filter'),
      filter: customerBulkFilterSchema,
      confirmedCount: z.number().int().min(1).max(CUSTOMER_BULK_LIMIT, `At most ${CUSTOMER_BULK_LIMIT.toLocaleString('en')} customers at once`),
    }),
  ])
  .meta({ id: 'CustomerSelection' });
export type CustomerSelection = z.infer<typeof customerSelectionSchema>;

/** What to do to each: the same change as on one customer's record. */
export const customerBulkActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('setActive'), active: z.boolean() }),
    z.object({ type: z.literal('approvalRule'), rule: approvalRuleSchema }),
    z.object({
      type: z.literal('priceLevels'),
      /** Each category named gets its level (null: back to the reseller's default); other categories keep theirs. */
      assignments: z
        .array(z.object({ category: z.string().trim().min(1).max(100), levelId: objectIdSchema.nullable() }))
        .min(1, 'Choose a category')
        .max(100)
        .refine((a) => new Set(a.map((x) => x.category)).size === a.length, 'Each category once'),
    }),
    z.object({ type: z.literal('sendActivation') }),
  ])
  .meta({ id: 'CustomerBulkAction' });
export type CustomerBulkAction = z.infer<typeof customerBulkActionSchema>;
export type CustomerBulkActionType = CustomerBulkAction['type'];

export const customerBulkRequestSchema = z.object({ selection: customerSelectionSchema, action: customerBulkActionSchema }).meta({ id: 'CustomerBulkRequest' });
export type CustomerBulkRequest = z.infer<typeof customerBulkRequestSchema>;

export const customerBulkCountRequestSchema = z.object({ filter: customerBulkFilterSchema }).meta({ id: 'CustomerBulkCountRequest' });
export const customerBulkCountSchema = z
  .object({ count: z.number().int(), limit: z.number().int() })
  .meta({ id: 'CustomerBulkCount' });
export type CustomerBulkCount = z.infer<typeof customerBulkCountSchema>;

const bulkRowSchema = z.object({
  id: objectIdSchema,
  companyName: z.string(),
  /** What was done, where it needs saying ("Sent to 2 users"), or why it was refused. */
  detail: z.string().nullable(),
});
export type CustomerBulkRow = z.infer<typeof bulkRowSchema>;

/**
 * Each customer's outcome. Ids that are not the caller's customers (another tenant's, or gone) are
 * only counted in `notFound`: the answer never tells them apart nor names them.
 */
export const customerBulkResultSchema = z
  .object({
    changed: z.array(bulkRowSchema),
    unchanged: z.array(bulkRowSchema),
    refused: z.array(bulkRowSchema),
    notFound: z.number().int(),
  })
  .meta({ id: 'CustomerBulkResult' });
export type CustomerBulkResult = z.infer<typeof customerBulkResultSchema>;
