import { z } from 'zod';
import { APPROVAL_MODES } from './company.js';
import { pageTotalSchema, withTotalSchema } from './paging.js';
import { emailSchema, objectIdSchema, paymentMethodSchema } from './common.js';
import { exportQueryOf } from './exports.js';
import { watchNoteSchema } from './customer-notes.js';
import { customerDetailsShape, shownAddressSchema } from './customer-details.js';
import { creditTermsSchema } from './invoices.js';

const required = (label: string, max = 120) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** The fields a reseller fills in for a customer; all mandatory (product rule, New customer form). */
export const customerFieldsSchema = z.object({
  companyName: required('Company name', 160),
  email: emailSchema,
  phone: required('Phone', 40).regex(/^[+0-9 ()./-]{5,40}$/, 'Enter a phone number (digits, spaces, + - ( ) . /)'),
  address: required('Address', 200),
  city: required('City', 100),
  country: required('Country', 100),
  state: required('State/province', 100),
  postcode: required('Postcode', 20),
  ...customerDetailsShape,
});
export type CustomerFields = z.infer<typeof customerFieldsSchema>;

export const createCustomerSchema = customerFieldsSchema.meta({ id: 'CreateCustomer' });
export type CreateCustomer = z.infer<typeof createCustomerSchema>;

/** An edit carries the revision it was made on; an older revision is a stale edit (409). */
export const updateCustomerSchema = customerFieldsSchema
  .extend({ revision: z.number().int().min(1) })
  .meta({ id: 'UpdateCustomer' });
export type UpdateCustomer = z.infer<typeof updateCustomerSchema>;

export const CUSTOMER_SORT_KEYS = ['companyName', 'phone', 'city', 'email', 'monthlyRunRate'] as const;
export type CustomerSortKey = (typeof CUSTOMER_SORT_KEYS)[number];
/** A column name, `-` in front for descending. */
export type CustomerSort = CustomerSortKey | `-${CustomerSortKey}`;
const CUSTOMER_SORTS = CUSTOMER_SORT_KEYS.flatMap((k) => [k, `-${k}`] as const) as [CustomerSort, ...CustomerSort[]];

/** The column and direction of a sort value. */
export function parseCustomerSort(sort: CustomerSort): { key: CustomerSortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as CustomerSortKey, descending };
}

/** A yes/no grid filter as it reads in the URL; absent means both. */
const yesNoFilter = z.enum(['yes', 'no']).optional();

/**
 * The grid's filters besides search: active, storefront access, order approval required
 * (effective), overdue (an open invoice past its due date) and over its credit limit.
 */
export const CUSTOMER_FILTER_KEYS = ['active', 'storefrontAccess', 'approvalRequired', 'overdue', 'overLimit'] as const;
export type CustomerFilterKey = (typeof CUSTOMER_FILTER_KEYS)[number];
export type CustomerFilters = Partial<Record<CustomerFilterKey, 'yes' | 'no'>> & { priceLevelId?: string };

export const customerListQuerySchema = z
  .object({
    search: z.string().trim().max(100, 'Search must be at most 100 characters').optional(),
    active: yesNoFilter,
    storefrontAccess: yesNoFilter,
    /** What applies: the customer's own setting, or forced by a reseller paying by credit card. */
    approvalRequired: yesNoFilter,
    /** An open invoice is past its due date (yes), or none is (no). */
    overdue: yesNoFilter,
    /** The balance is above the customer's credit limit (yes), or within it or unlimited (no). */
    overLimit: yesNoFilter,
    sort: z.enum(CUSTOMER_SORTS).default('companyName'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Opaque cursor from the previous page's `nextCursor`: pages stay fast however deep. */
    cursor: z.string().max(500).optional(),
    /** For jumps without a cursor (e.g. a scrollbar dragged far down). */
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    total: withTotalSchema,
    /** Distributor view only: one reseller's customers. */
    resellerId: objectIdSchema.optional(),
    /** The customers priced by this level for at least one category. */
    priceLevelId: objectIdSchema.optional(),
  })
  .meta({ id: 'CustomerListQuery' });
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

/** The export takes the grid's view (search, filters, sort, reseller), never its paging. */
export const customerExportQuerySchema = exportQueryOf(customerListQuerySchema).meta({ id: 'CustomerExportQuery' });
export type CustomerExportQuery = z.infer<typeof customerExportQuerySchema>;

export const customerRowSchema = z
  .object({
    id: objectIdSchema,
    companyName: z.string(),
    phone: z.string(),
    city: z.string(),
    email: z.string(),
    monthlyRunRate: z.number(),
    currency: z.string(),
    storefrontAccess: z.boolean(),
    active: z.boolean(),
    resellerId: objectIdSchema,
    resellerName: z.string(),
    /** The watch-list note's text, for the grid's mark (staff only, as the grid is). */
    watchNote: z.string().nullable(),
    /** What is open on its issued invoices (issued − credited − paid), in minor units. */
    balanceCents: z.number().int(),
    /** The due date of its oldest open invoice when that is past (overdue since), else null. */
    overdueSince: z.string().nullable(),
    /** Its balance is above its credit limit. */
    overLimit: z.boolean(),
    abilities: z.object({ openWorkspace: z.boolean() }).meta({ id: 'CustomerRowAbilities' }),
  })
  .meta({ id: 'CustomerRow' });
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const customerListSchema = z
  .object({ items: z.array(customerRowSchema), total: pageTotalSchema, nextCursor: z.string().nullable() })
  .meta({ id: 'CustomerList' });
export type CustomerList = z.infer<typeof customerListSchema>;

export const orderApprovalSchema = z
  .object({
    /** What applies: forced on by a credit-card reseller, or the customer's own setting. */
    required: z.boolean(),
    /** The customer's own setting, kept for when the payment method changes. */
    customerSetting: z.boolean(),
    forcedByPaymentMethod: z.boolean(),
    /** The rule that applies (always while forced), and the customer's own, kept for when the payment method changes. */
    mode: z.enum(APPROVAL_MODES),
    customerMode: z.enum(APPROVAL_MODES),
    /** The order total from which orders wait (the customer's own rule `above`). */
    aboveAmount: z.number().nullable(),
  })
  .meta({ id: 'OrderApproval' });
export type OrderApproval = z.infer<typeof orderApprovalSchema>;

export const customerDetailSchema = customerFieldsSchema
  .extend({
    id: objectIdSchema,
    resellerId: objectIdSchema,
    resellerName: z.string(),
    active: z.boolean(),
    storefrontAccess: z.boolean(),
    monthlyRunRate: z.number(),
    currency: z.string(),
    orderApproval: orderApprovalSchema,
    watchNote: watchNoteSchema.nullable(),
    tradingName: z.string(),
    taxId: z.string(),
    countryCode: z.string().nullable(),
    /** Null: the same as the main (admin) address. */
    billingAddress: shownAddressSchema.nullable(),
    deliveryAddress: shownAddressSchema.nullable(),
    /** Payment terms, credit limit and VAT rate (invoices/): defaults when never set. */
    creditTerms: creditTermsSchema,
    balanceCents: z.number().int(),
    overdueSince: z.string().nullable(),
    overLimit: z.boolean(),
    revision: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** What the caller may do with this customer; the server still checks every action. */
    abilities: z
      .object({
        edit: z.boolean(),
        setActive: z.boolean(),
        setOrderApproval: z.boolean(),
        addStorefrontUser: z.boolean(),
        openWorkspace: z.boolean(),
        placeOrder: z.boolean(),
        setWatchNote: z.boolean(),
        /** Open the customer's storefront as one of its users, read-only. */
        viewAs: z.boolean(),
        setCreditTerms: z.boolean(),
      })
      .meta({ id: 'CustomerAbilities' }),
  })
  .meta({ id: 'CustomerDetail' });
export type CustomerDetail = z.infer<typeof customerDetailSchema>;

export const customerStatsQuerySchema = z.object({ resellerId: objectIdSchema.optional() }).meta({ id: 'CustomerStatsQuery' });

export const customerStatsSchema = z
  .object({
    allCustomers: z.number().int(),
    transactingCustomers: z.number().int(),
    monthlyRunRate: z.number(),
    currency: z.string(),
    /** True for a reseller paying by credit card: every order needs approval (shows the notice). */
    approvalRequiredForAll: z.boolean(),
    paymentMethod: paymentMethodSchema.nullable(),
  })
  .meta({ id: 'CustomerStats' });
export type CustomerStats = z.infer<typeof customerStatsSchema>;

export const setOrderApprovalSchema = z.object({ required: z.boolean() }).meta({ id: 'SetOrderApproval' });
export const setCustomerActiveSchema = z
  .object({ active: z.boolean(), revision: z.number().int().min(1) })
  .meta({ id: 'SetCustomerActive' });

export const APPROVAL_FORCED_NOTICE = 'The payment method set by your distributor requires order approval for all customers.';
