import { z } from 'zod';
import { pageTotalSchema, withTotalSchema } from './paging.js';
import { exportQueryOf } from './exports.js';
import { emailSchemaFor, objectIdSchema, paymentMethodSchema, userStateSchema, type PaymentMethod } from './common.js';
import { COUNTRY_NAMES } from './customer-details.js';

/** A reseller is active, or suspended by its distributor (rule 8: nothing deleted, reinstating restores). */
export const RESELLER_STATUSES = ['active', 'suspended'] as const;
export const resellerStatusSchema = z.enum(RESELLER_STATUSES).meta({ id: 'ResellerStatus' });
export type ResellerStatus = z.infer<typeof resellerStatusSchema>;

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = { credit_card: 'Credit card', cash: 'Cash', deposit: 'Deposit' };

/** What the distributor is told before switching a reseller to credit card (rule 1). */
export const CREDIT_CARD_CONSEQUENCE = "All of this reseller's customers will require order approval.";
export const RESELLER_SUSPENDED_SIGN_IN = 'This reseller account is suspended by its distributor. Please contact your distributor.';
export const STOREFRONT_SUSPENDED_SIGN_IN = 'This storefront is currently unavailable. Please contact your reseller.';

export const resellerSummarySchema = z
  .object({ id: objectIdSchema, name: z.string(), paymentMethod: paymentMethodSchema, status: resellerStatusSchema })
  .meta({ id: 'ResellerSummary' });
export type ResellerSummary = z.infer<typeof resellerSummarySchema>;

/** Every reseller of the distributor, by name: the choices of a reseller filter. */
export const resellerOptionsSchema = z.object({ items: z.array(resellerSummarySchema) }).meta({ id: 'ResellerOptions' });

const text = (label: string, max: number) => z.string().trim().max(max, `${label} must be at most ${max} characters`);
const required = (label: string, max: number) => text(label, max).min(1, `${label} is required`);

/** The details the distributor keeps for a reseller; payment method and status have routes of their own. */
export const resellerFieldsSchema = z.object({
  name: required('Name', 160),
  contactName: text('Contact name', 160).default(''),
  contactEmail: emailSchemaFor('Contact email'),
  phone: text('Phone', 40).regex(/^[+0-9 ()./-]{0,40}$/, 'Enter a phone number (digits, spaces, + - ( ) . /)').default(''),
  city: text('City', 100).default(''),
  // The English name, as customers keep theirs: chosen from the list, or none.
  country: text('Country', 100)
    .refine((v) => v === '' || COUNTRY_NAMES.has(v), 'Choose a country from the list')
    .default(''),
  markupPercent: z.number({ error: 'Markup is required' }).min(0, 'Markup cannot be negative').max(1000, 'Markup must be at most 1000 %'),
});
export type ResellerFields = z.infer<typeof resellerFieldsSchema>;

/** An edit carries the revision it was made on; an older revision is a stale edit (409). */
export const updateResellerSchema = resellerFieldsSchema.extend({ revision: z.number().int().min(1) }).meta({ id: 'UpdateReseller' });
export type UpdateReseller = z.infer<typeof updateResellerSchema>;

export const setPaymentMethodSchema = z
  .object({ paymentMethod: paymentMethodSchema, revision: z.number().int().min(1) })
  .meta({ id: 'SetPaymentMethod' });
export type SetPaymentMethod = z.infer<typeof setPaymentMethodSchema>;

/** Onboarding: the reseller and its first staff user, who is emailed an activation link. */
export const createResellerSchema = resellerFieldsSchema
  .extend({
    paymentMethod: paymentMethodSchema,
    staff: z.object({ firstName: required('First name', 80), lastName: required('Last name', 80), email: emailSchemaFor('Staff user’s email') }).meta({ id: 'FirstStaffUser' }),
  })
  .meta({ id: 'CreateReseller' });
export type CreateReseller = z.infer<typeof createResellerSchema>;

/** The figure columns (customers, run rate, waiting, in progress) sort by the figures kept on each reseller. */
export const RESELLER_SORT_KEYS = ['name', 'contact', 'paymentMethod', 'status', 'customers', 'monthlyRunRate', 'waiting', 'inProgress'] as const;
export type ResellerSortKey = (typeof RESELLER_SORT_KEYS)[number];
export type ResellerSort = ResellerSortKey | `-${ResellerSortKey}`;
const RESELLER_SORTS = RESELLER_SORT_KEYS.flatMap((k) => [k, `-${k}`] as const) as [ResellerSort, ...ResellerSort[]];

export function parseResellerSort(sort: ResellerSort): { key: ResellerSortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as ResellerSortKey, descending };
}

/** The resellers grid: search, filters, sort and keyset paging, like the customer grid. */
export const resellerListQuerySchema = z
  .object({
    search: z.string().trim().max(100, 'Search must be at most 100 characters').optional(),
    status: resellerStatusSchema.optional(),
    paymentMethod: paymentMethodSchema.optional(),
    /** Only resellers with orders waiting for their approval (the home page's card). */
    waiting: z.enum(['1']).optional(),
    sort: z.enum(RESELLER_SORTS).default('name'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    total: withTotalSchema,
  })
  .meta({ id: 'ResellerListQuery' });
export type ResellerListQuery = z.infer<typeof resellerListQuerySchema>;
/** What defines a view of the list besides paging (what an export of it would take). */
export type ResellerViewQuery = Omit<ResellerListQuery, 'limit' | 'cursor' | 'offset' | 'total'>;

/** The export takes the grid's view (search, filters, sort), never its paging. */
export const resellerExportQuerySchema = exportQueryOf(resellerListQuerySchema).meta({ id: 'ResellerExportQuery' });
export type ResellerExportQuery = z.infer<typeof resellerExportQuerySchema>;

/** Figures of a reseller's subtree, kept as its customers and orders change. */
export const resellerFiguresSchema = z
  .object({
    customers: z.number().int(),
    monthlyRunRate: z.number(),
    currency: z.string(),
    ordersPendingApproval: z.number().int(),
    ordersInProgress: z.number().int(),
    /** When the oldest order waiting for approval was placed; null when none waits. */
    oldestPendingOrderAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ResellerFigures' });
export type ResellerFigures = z.infer<typeof resellerFiguresSchema>;

export const resellerRowSchema = z
  .object({
    id: objectIdSchema,
    name: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    phone: z.string(),
    paymentMethod: paymentMethodSchema,
    status: resellerStatusSchema,
    figures: resellerFiguresSchema,
  })
  .meta({ id: 'ResellerRow' });
export type ResellerRow = z.infer<typeof resellerRowSchema>;

export const resellerListSchema = z
  .object({ items: z.array(resellerRowSchema), total: pageTotalSchema, nextCursor: z.string().nullable() })
  .meta({ id: 'ResellerList' });
export type ResellerList = z.infer<typeof resellerListSchema>;

export const resellerDetailSchema = resellerRowSchema
  .extend({
    city: z.string(),
    country: z.string(),
    markupPercent: z.number(),
    /** Rule 1: true while the payment method forces order approval for every customer. */
    approvalRequiredForAll: z.boolean(),
    revision: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    abilities: z
      .object({ edit: z.boolean(), setPaymentMethod: z.boolean(), suspend: z.boolean(), reinstate: z.boolean() })
      .meta({ id: 'ResellerAbilities' }),
  })
  .meta({ id: 'ResellerDetail' });
export type ResellerDetail = z.infer<typeof resellerDetailSchema>;

export const createResellerResultSchema = z
  .object({ reseller: resellerDetailSchema, emailSent: z.boolean() })
  .meta({ id: 'CreateResellerResult' });
export type CreateResellerResult = z.infer<typeof createResellerResultSchema>;

/** A reseller's staff user, as its distributor sees them on the reseller's page. */
export const resellerStaffUserSchema = z
  .object({
    id: objectIdSchema,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    state: userStateSchema,
    lastSignInAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    /** What the caller may do with this user now. */
    abilities: z.object({ resendActivation: z.boolean() }).meta({ id: 'ResellerStaffUserAbilities' }),
  })
  .meta({ id: 'ResellerStaffUser' });
export type ResellerStaffUser = z.infer<typeof resellerStaffUserSchema>;
export const resellerStaffUserListSchema = z.object({ items: z.array(resellerStaffUserSchema) }).meta({ id: 'ResellerStaffUserList' });
export const resellerStaffActionResultSchema = z
  .object({ user: resellerStaffUserSchema, emailSent: z.boolean() })
  .meta({ id: 'ResellerStaffActionResult' });
