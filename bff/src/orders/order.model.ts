import { Schema, model, type InferSchemaType } from 'mongoose';
import { APPROVAL_REASONS, ORDER_STATUSES, ROLES } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { figureSourcePlugin } from '../figures/kept-figures.js';
import { deliveryOutboxPlugin } from '../deliveries/delivery-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

const orderLineSchema = new Schema(
  {
    productId: { type: Schema.Types.ObjectId, required: true },
    sku: { type: String, required: true },
    name: { type: String, required: true },
    billing: { type: String, enum: ['one_time', 'monthly'], required: true },
    provisioning: { type: String, enum: ['automatic', 'manual'], required: true },
    quantity: { type: Number, required: true, min: 1 },
    unitCostCents: { type: Number, required: true, min: 0 },
    unitPriceCents: { type: Number, required: true, min: 0 },
    /** The price level the line was priced on, kept so a later change to the level never alters the order. */
    levelName: { type: String, default: null },
  },
  { _id: false },
);

const decisionSchema = new Schema(
  {
    at: { type: Date, required: true },
    from: { type: String, enum: [...ORDER_STATUSES, null], default: null },
    to: { type: String, enum: ORDER_STATUSES, required: true },
    byUserId: { type: Schema.Types.ObjectId, default: null },
    byName: { type: String, required: true },
    /**
     * Which side acted: a storefront user sees its own company's names, and the reseller's name for
     * anyone else's step (orders/order.presenter.ts). Entries from before it have none: read as staff.
     */
    byRole: { type: String, enum: [...ROLES, null], default: null },
    note: { type: String, default: '' },
  },
  { _id: false },
);

/** The rule that made an order wait at one approval step (policies/order-approval.ts), with its figures. */
const approvalReasonSchema = new Schema(
  {
    code: { type: String, enum: APPROVAL_REASONS, required: true },
    amountCents: { type: Number, default: null },
    thresholdCents: { type: Number, default: null },
  },
  { _id: false },
);

const trackingSchema = new Schema(
  {
    carrier: { type: String, required: true },
    number: { type: String, required: true },
    addedAt: { type: Date, required: true },
    addedByName: { type: String, required: true },
  },
  { _id: false },
);

const orderSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    /** Names copied at order time so order grids need no join. */
    resellerName: { type: String, required: true },
    customerName: { type: String, required: true },
    /** Unique per distributor, from the distributor's counter (see orders/order-number.ts). */
    number: { type: String, required: true },
    placedBy: {
      kind: { type: String, enum: ['reseller', 'customer'], required: true },
      userId: { type: Schema.Types.ObjectId, default: null },
      name: { type: String, required: true },
    },
    lines: { type: [orderLineSchema], required: true },
    totalCostCents: { type: Number, required: true, min: 0 },
    totalAmountCents: { type: Number, required: true, min: 0 },
    /** The monthly part of the total amount; counts toward the run rate while executed and active. */
    monthlyAmountCents: { type: Number, required: true, default: 0 },
    subscriptionActive: { type: Boolean, required: true, default: false },
    currency: { type: String, required: true },
    status: { type: String, enum: ORDER_STATUSES, required: true },
    orderedAt: { type: Date, required: true },
    history: { type: [decisionSchema], default: [] },
    /** The approval steps the order waits (or waited) for, decided when it was placed; unset for older orders. */
    approval: {
      type: new Schema({ company: { type: approvalReasonSchema, default: null }, reseller: { type: approvalReasonSchema, default: null } }, { _id: false }),
      default: undefined,
    },
    /** The buyer's purchase-order number or reference and note, given at checkout (searchable with the number). */
    reference: { type: String, default: undefined },
    /** The reference lower-cased: the grids' search matches its start in any case, served by the SQL reads (no caseless regex). */
    referenceKey: { type: String, default: undefined },
    buyerNote: { type: String, default: undefined },
    /** Where it ships: one of the customer's addresses, copied at placing (customers/customer-addresses.ts). */
    deliveryAddress: {
      type: new Schema(
        { kind: String, address: String, city: String, state: String, postcode: String, countryCode: { type: String, default: null }, country: String },
        { _id: false },
      ),
      default: undefined,
    },
    /** Parcels staff shipped the order in (orders/order-tracking.ts); absent on orders before any. */
    tracking: { type: [trackingSchema], default: undefined },
    /**
     * Set by the write that executes the order, cleared once its invoice is issued (invoices/): the
     * mark the issuing follows, so only an execution issues an invoice (never a later change of an
     * order executed before invoicing began), and a crash in between leaves it to the recovery.
     */
    invoiceDue: { type: Boolean, default: undefined },
    /** The same numbers normalised: the customer search finds by them, and a number is added once. */
    trackingNumbers: { type: [String], default: undefined },
  },
  { timestamps: true },
);
orderSchema.index({ distributorId: 1, number: 1 }, { unique: true });
orderSchema.index({ distributorId: 1, resellerId: 1, customerId: 1, orderedAt: -1, _id: -1 });
orderSchema.index({ distributorId: 1, resellerId: 1, status: 1, orderedAt: -1, _id: -1 });
orderSchema.index({ distributorId: 1, status: 1, orderedAt: -1, _id: -1 });
// Housekeeping's monthly invoices: the executed orders whose subscriptions run (invoices/monthly-invoices.ts).
orderSchema.index({ subscriptionActive: 1, status: 1, customerId: 1 });
// Every order of a reseller, and of the distributor, newest first (the unfiltered orders grids).
orderSchema.index({ distributorId: 1, resellerId: 1, orderedAt: -1, _id: -1 });
orderSchema.index({ distributorId: 1, orderedAt: -1, _id: -1 });
// The reseller's Orders page and Approvals sorted by another column than the date (filters narrow the scan).
orderSchema.index({ distributorId: 1, resellerId: 1, totalAmountCents: -1, _id: -1 });
orderSchema.index({ distributorId: 1, resellerId: 1, customerName: 1, _id: 1 });
orderSchema.index({ distributorId: 1, resellerId: 1, number: -1, _id: -1 });
// The customer search by a parcel's tracking number.
orderSchema.index({ distributorId: 1, trackingNumbers: 1 });
// Audit events of changes to this order wait here until moved to the audit log.
orderSchema.plugin(auditOutboxPlugin);
// Each placing and status change moves the order counts (orders/order-figures.ts).
orderSchema.plugin(figureSourcePlugin);
// And the emails its changes cause wait here until moved to the delivery queue.
orderSchema.plugin(deliveryOutboxPlugin);
orderSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type OrderDoc = InferSchemaType<typeof orderSchema>;
export const Order = model('Order', orderSchema);
