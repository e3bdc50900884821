import { Schema, model, type InferSchemaType } from 'mongoose';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/**
 * A payment the reseller received from a customer, spread over one or more of its invoices. It is
 * stored `applying` first, then each invoice takes its part in one conditional write (never more
 * than is open on it); once all have, it is `applied`. A part refused rolls the others back and the
 * payment goes away; a crash while applying is rolled back by the start-up recovery.
 */
const paymentSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    customerName: { type: String, required: true },
    receivedOn: { type: String, required: true },
    reference: { type: String, required: true },
    amountCents: { type: Number, required: true },
    allocations: {
      type: [new Schema({ invoiceId: { type: Schema.Types.ObjectId, required: true }, invoiceNumber: { type: String, required: true }, amountCents: { type: Number, required: true } }, { _id: false })],
      required: true,
    },
    state: { type: String, enum: ['applying', 'applied'], required: true },
    recordedByName: { type: String, required: true },
  },
  { timestamps: true },
);
paymentSchema.index({ distributorId: 1, customerId: 1, receivedOn: -1, _id: -1 });
paymentSchema.index({ state: 1, createdAt: 1 });
paymentSchema.plugin(auditOutboxPlugin);
paymentSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type PaymentDoc = InferSchemaType<typeof paymentSchema>;
export const Payment = model('Payment', paymentSchema);
