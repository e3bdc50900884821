import { z } from 'zod';
import { trackingEntrySchema } from './tracking.js';
import { ADDRESS_KINDS, orderAddressSchema } from './customer-details.js';
import { pageTotalSchema, withTotalSchema } from './paging.js';
import { objectIdSchema, ORDER_STATUSES } from './common.js';
import { downloadTokenSchema } from './exports.js';
import { approvalReasonSchema } from './company.js';

export const orderStatusSchema = z.enum(ORDER_STATUSES).meta({ id: 'OrderStatus' });

export const ORDER_STATUS_LABEL: Record<(typeof ORDER_STATUSES)[number], string> = {
  pending_company_approval: 'Pending company approval',
  pending_approval: 'Pending reseller approval',
  in_progress: 'In progress',
  executed: 'Executed',
  canceled: 'Canceled',
};

export const ORDER_SORT_KEYS = ['orderedAt', 'number', 'totalAmount', 'customerName'] as const;
export type OrderSortKey = (typeof ORDER_SORT_KEYS)[number];
/** A column name, `-` in front for descending. */
export type OrderSort = OrderSortKey | `-${OrderSortKey}`;
const ORDER_SORTS = ORDER_SORT_KEYS.flatMap((k) => [k, `-${k}`] as const) as [OrderSort, ...OrderSort[]];

export function parseOrderSort(sort: OrderSort): { key: OrderSortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as OrderSortKey, descending };
}

export const ORDER_PLACED_BY = ['customer', 'reseller'] as const;
export type OrderPlacedBy = (typeof ORDER_PLACED_BY)[number];

/** An instant with its offset, e.g. the start of a local day as the browser computes it. */
const instant = z.iso.datetime({ offset: true, error: 'Must be a date-time, e.g. 2026-01-31T00:00:00Z' });

/**
 * What defines a view of an orders grid (one customer's, the approvals queue, the in-progress
 * queue, the reseller's Orders, the buyer's own): its filters and sort, not its paging. The list
 * adds paging; an export takes exactly this.
 */
export const orderViewSchema = z
  .object({
    /** An order number, or its start. */
    search: z.string().trim().max(40, 'Search must be at most 40 characters').optional(),
    status: orderStatusSchema.optional(),
    customerId: objectIdSchema.optional(),
    resellerId: objectIdSchema.optional(),
    /** Placed in the storefront by the customer, or on its behalf by the reseller. */
    placedBy: z.enum(ORDER_PLACED_BY).optional(),
    /** Placed at or after this instant (the start of the viewer's first day). */
    from: instant.optional(),
    /** Placed before this instant (exclusive): the start of the day after the viewer's last day. */
    to: instant.optional(),
    /** Only orders placed at least this many days ago (the distributor's queue by age). */
    olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
    sort: z.enum(ORDER_SORTS).default('-orderedAt'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'The end must be after the start' });
export type OrderView = z.infer<typeof orderViewSchema>;

export const orderListQuerySchema = orderViewSchema
  .safeExtend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    total: withTotalSchema,
  })
  .meta({ id: 'OrderListQuery' });
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

/** The export takes an orders grid's view (search, filters, sort), never its paging. */
export const orderExportQuerySchema = orderViewSchema.safeExtend({ downloadToken: downloadTokenSchema }).meta({ id: 'OrderExportQuery' });
export type OrderExportQuery = z.infer<typeof orderExportQuerySchema>;

/** One line as the caller may see it: cost only for staff, never for a storefront user (rule 3). */
export const orderLineSchema = z
  .object({
    productId: objectIdSchema,
    sku: z.string(),
    name: z.string(),
    billing: z.enum(['one_time', 'monthly']),
    provisioning: z.enum(['automatic', 'manual']),
    quantity: z.number().int(),
    unitPrice: z.number(),
    amount: z.number(),
    /** The price level the line was priced on when placed (null for orders placed before levels). */
    levelName: z.string().nullable(),
    unitCost: z.number().optional(),
    cost: z.number().optional(),
  })
  .meta({ id: 'OrderLine' });

export const orderHistoryEntrySchema = z
  .object({ at: z.iso.datetime(), from: orderStatusSchema.nullable(), to: orderStatusSchema, byName: z.string(), note: z.string() })
  .meta({ id: 'OrderHistoryEntry' });

export const orderSchema = z
  .object({
    id: objectIdSchema,
    number: z.string(),
    customerId: objectIdSchema,
    customerName: z.string(),
    resellerId: objectIdSchema,
    resellerName: z.string(),
    placedBy: z.object({ kind: z.enum(['reseller', 'customer']), name: z.string() }),
    status: orderStatusSchema,
    orderedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    currency: z.string(),
    totalAmount: z.number(),
    /** Staff only: what the distributor charges, the reseller's margin on it, and the markup. */
    totalCost: z.number().optional(),
    margin: z.number().optional(),
    markupPercent: z.number().optional(),
    lines: z.array(orderLineSchema),
    /** The approval steps it waits (or waited) for, each with the rule that made it wait; null when none or placed before rules. */
    approval: z.object({ company: approvalReasonSchema.nullable(), reseller: approvalReasonSchema.nullable() }).nullable(),
    /** The buyer's purchase-order number or reference, and note, from checkout. */
    reference: z.string().nullable(),
    note: z.string().nullable(),
    /** What the caller may do with this order now; the server checks again. */
    abilities: z
      .object({ accept: z.boolean(), cancel: z.boolean(), markExecuted: z.boolean(), orderAgain: z.boolean(), addTracking: z.boolean(), removeTracking: z.boolean() })
      .meta({ id: 'OrderAbilities' }),
    /** Carrier and tracking number of each parcel, as staff added them; the buyer sees them too. */
    tracking: z.array(trackingEntrySchema),
    /** Staff only: the customer's watch-list note, shown wherever the order is; never to the storefront. */
    customerWatchNote: z.string().optional(),
    /** Where the order ships: one of the customer's addresses, chosen at checkout; null on orders from before. */
    deliveryAddress: orderAddressSchema.nullable(),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof orderSchema>;

export const orderDetailSchema = orderSchema.extend({ history: z.array(orderHistoryEntrySchema) }).meta({ id: 'OrderDetail' });
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const orderListSchema = z
  .object({ items: z.array(orderSchema), total: pageTotalSchema, nextCursor: z.string().nullable() })
  .meta({ id: 'OrderList' });
export type OrderList = z.infer<typeof orderListSchema>;

export const orderNoteSchema = z
  .object({ note: z.string().trim().max(500, 'A note must be at most 500 characters').optional() })
  .meta({ id: 'OrderDecisionNote' });

export const ORDER_DECISIONS = ['accept', 'cancel', 'mark-executed'] as const;
export type OrderDecision = (typeof ORDER_DECISIONS)[number];

/** Many orders decided at once; each is decided on its own. */
export const bulkOrderDecisionSchema = z
  .object({
    decision: z.enum(ORDER_DECISIONS),
    ids: z.array(objectIdSchema).min(1, 'Choose at least one order').max(100, 'At most 100 orders at once'),
    note: z.string().trim().max(500, 'A note must be at most 500 characters').optional(),
  })
  .meta({ id: 'BulkOrderDecision' });

export const bulkOrderDecisionResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: objectIdSchema,
        /** `changed`: someone decided it first (its status says how); `refused`: not allowed; `not_found`. */
        outcome: z.enum(['done', 'changed', 'refused', 'not_found']),
        status: orderStatusSchema.nullable(),
        message: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BulkOrderDecisionResult' });
export type BulkOrderDecisionResult = z.infer<typeof bulkOrderDecisionResultSchema>;

/** Placing an order: the cart, and a key the browser makes once per submit (a double click makes one order). */
export const placeOrderSchema = z
  .object({
    /** Staff placing on behalf of a customer name it; a storefront user orders for its own company. */
    customerId: objectIdSchema.optional(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'A submit key of 16–64 letters, digits, - or _'),
    lines: z
      .array(
        z.object({
          productId: objectIdSchema,
          quantity: z.number({ error: 'Enter a quantity' }).int('Whole numbers only').min(1, 'At least 1').max(10_000, 'At most 10,000'),
        }),
      )
      .min(1, 'The cart is empty')
      .max(50, 'At most 50 lines in one order')
      .refine((lines) => new Set(lines.map((l) => l.productId)).size === lines.length, 'Each product once per order'),
    /** The buyer's purchase-order number or reference, shown to staff, exported and searchable. */
    reference: z.string().trim().max(60, 'A reference must be at most 60 characters').optional(),
    /** A note to the reseller. */
    note: z.string().trim().max(500, 'A note must be at most 500 characters').optional(),
    /** Which of the customer's addresses it ships to; without it, the delivery address (the main one when the same). */
    deliverTo: z.enum(ADDRESS_KINDS).optional(),
  })
  .meta({ id: 'PlaceOrder' });
export type PlaceOrder = z.infer<typeof placeOrderSchema>;

export const catalogueQuerySchema = z
  .object({
    search: z.string().trim().max(100).optional(),
    category: z.string().trim().max(100).optional(),
    /** Staff: at this customer's prices (ordering on its behalf); without it, the default level's. A storefront user always sees its own. */
    customerId: objectIdSchema.optional(),
  })
  .meta({ id: 'CatalogueQuery' });

export const catalogueItemSchema = z
  .object({
    id: objectIdSchema,
    sku: z.string(),
    name: z.string(),
    category: z.string(),
    billing: z.enum(['one_time', 'monthly']),
    provisioning: z.enum(['automatic', 'manual']),
    /** The customer's unit price for one unit, from its price level for the product's category. */
    unitPrice: z.number(),
    /** Lower unit prices from a quantity on (ascending); the order is priced at the break its quantity reaches. */
    breaks: z.array(z.object({ minQuantity: z.number().int(), unitPrice: z.number() })),
    /** The price level this category is priced on for the customer. */
    levelName: z.string(),
    /** Staff only. */
    unitCost: z.number().optional(),
  })
  .meta({ id: 'CatalogueItem' });
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueSchema = z
  .object({ items: z.array(catalogueItemSchema), categories: z.array(z.string()), currency: z.string() })
  .meta({ id: 'Catalogue' });
export type Catalogue = z.infer<typeof catalogueSchema>;
