import { Schema, model, type InferSchemaType } from 'mongoose';
import { PAYMENT_TERMS } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { figureSourcePlugin, figureTargetPlugin } from '../figures/kept-figures.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';
import { deliveryOutboxPlugin } from '../deliveries/delivery-outbox.js';

/** A billing or delivery address; `country` is the name of `countryCode`, kept for reading without a lookup. */
const postalAddressSchema = new Schema(
  {
    address: { type: String, required: true },
    city: { type: String, required: true },
    state: { type: String, default: '' },
    postcode: { type: String, required: true },
    countryCode: { type: String, required: true },
    country: { type: String, required: true },
  },
  { _id: false },
);

const customerSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    /** Copied from the reseller so the distributor's grid needs no join. */
    resellerName: { type: String, required: true },
    companyName: { type: String, required: true, trim: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    phone: { type: String, required: true, trim: true },
    address: { type: String, required: true, trim: true },
    city: { type: String, required: true, trim: true },
    country: { type: String, required: true, trim: true },
    state: { type: String, required: true, trim: true },
    postcode: { type: String, required: true, trim: true },
    active: { type: Boolean, required: true, default: true },
    /** The customer's own choice; the effective value also depends on the reseller's payment method. */
    orderApprovalRequired: { type: Boolean, required: true, default: false },
    /**
     * When the customer's orders wait for the reseller (policies/order-approval.ts); unset for
     * customers from before rules, whose `orderApprovalRequired` reads as always / never.
     */
    approvalRule: {
      type: new Schema({ mode: { type: String, enum: ['always', 'above', 'never'], required: true }, aboveCents: { type: Number, default: null } }, { _id: false }),
      default: undefined,
    },
    /** Kept in step with the storefront users (has at least one active user). */
    storefrontAccess: { type: Boolean, required: true, default: false },
    /** Sum of the customer's executed, still-active monthly orders, in cents. */
    monthlyRunRateCents: { type: Number, required: true, default: 0 },
    /** Derived by customerDerivedFields (customer-keys.ts) on every write: sort and search keys. */
    nameKey: { type: String, required: true },
    cityKey: { type: String, required: true },
    // Any part of it is searched (`$regex`): a trigram index in the embedded database (db/postgres-indexes.ts).
    searchText: { type: String, required: true, substringSearch: true },
    /** The customer's price level per product category; a category not named takes the reseller's default level. */
    priceLevels: {
      type: [new Schema({ category: { type: String, required: true }, levelId: { type: Schema.Types.ObjectId, required: true } }, { _id: false })],
      default: [],
    },
    /** Derived on every assignment: the levels the customer is priced by (the default included while a category falls to it). */
    priceLevelIds: { type: [Schema.Types.ObjectId], default: undefined },
    /** The name it trades under, beside the company (legal) name. */
    tradingName: { type: String, default: '' },
    /** VAT or tax id, checked for the country's format where known (customer-details.ts). */
    taxId: { type: String, default: '' },
    /** ISO 3166-1 alpha-2 of the main address; `country` holds its name. Absent on records from before. */
    countryCode: { type: String, default: null },
    /** Null: the same as the main (admin) address. */
    billingAddress: { type: postalAddressSchema, default: null },
    deliveryAddress: { type: postalAddressSchema, default: null },
    /** The watch-list note (customer-notes/): staff see it wherever the customer appears; null when not on the list. */
    watchNote: {
      type: new Schema({ text: { type: String, required: true }, byName: { type: String, required: true }, at: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    /**
     * Payment terms, credit limit (minor units, null = none) and VAT rate (basis points) the
     * invoices use (customers/customer-credit.ts); unset on records from before: the defaults.
     */
    creditTerms: {
      type: new Schema(
        {
          paymentTerms: { type: String, enum: PAYMENT_TERMS, required: true },
          creditLimitCents: { type: Number, default: null },
          vatRateBp: { type: Number, required: true, default: 0 },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /**
     * Kept for the grid's *over limit* filter (invoices/invoice-figures.ts): whether a credit limit
     * is set, and the limit (0 when none) − the balance, moved by `$inc` in the very writes that
     * move the balance (a delta added) or the limit (credit terms set). Over limit: limited and < 0.
     */
    creditLimited: { type: Boolean, required: true, default: false },
    creditHeadroomCents: { type: Number, required: true, default: 0 },
    /**
     * Kept for the grid's *overdue* filter and column: the earliest due date among the customer's
     * open invoices (null: none open), read back from them in the write that adds an invoice's
     * balance delta to the customer. Overdue: before now.
     */
    oldestDueAt: { type: Date, default: null },
    /** Bumped on every edit: an update sent with an older revision is stale (409). */
    revision: { type: Number, required: true, default: 1 },
  },
  { timestamps: true },
);
// Tenant keys first. Each grid sort has an index on its keyset key (the column, the name key for
// ties, _id), once for a reseller's grid and once for the distributor's grid across its resellers.
customerSchema.index({ distributorId: 1, resellerId: 1, email: 1 }, { unique: true });
for (const key of ['nameKey', 'cityKey', 'email', 'phone', 'monthlyRunRateCents']) {
  const tie: Record<string, 1> = key === 'nameKey' ? {} : { nameKey: 1 };
  customerSchema.index({ distributorId: 1, resellerId: 1, [key]: 1, ...tie, _id: 1 });
  customerSchema.index({ distributorId: 1, [key]: 1, ...tie, _id: 1 });
}
// The grid filtered by price level (sorted by name), and the customers a level is used by.
customerSchema.index({ distributorId: 1, resellerId: 1, priceLevelIds: 1, nameKey: 1, _id: 1 });
customerSchema.index({ distributorId: 1, priceLevelIds: 1, nameKey: 1, _id: 1 });
// The grid filtered by overdue (the oldest open due date before now) and by over limit.
customerSchema.index({ distributorId: 1, resellerId: 1, oldestDueAt: 1, _id: 1 });
customerSchema.index({ distributorId: 1, oldestDueAt: 1, _id: 1 });
customerSchema.index({ distributorId: 1, resellerId: 1, creditLimited: 1, creditHeadroomCents: 1, _id: 1 });
customerSchema.index({ distributorId: 1, creditLimited: 1, creditHeadroomCents: 1, _id: 1 });
// Audit events of changes to this document wait here until moved to the audit log.
customerSchema.plugin(auditOutboxPlugin);
// Webhook calls about the customer travel in its changes' writes (webhooks/webhook-events.ts).
customerSchema.plugin(deliveryOutboxPlugin);
// Its share moves its reseller's and distributor's figures; its own count its orders per status.
customerSchema.plugin(figureSourcePlugin);
customerSchema.plugin(figureTargetPlugin);
customerSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: '_id' });

export type CustomerDoc = InferSchemaType<typeof customerSchema>;
export const Customer = model('Customer', customerSchema);
