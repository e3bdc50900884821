import { Schema, model, type InferSchemaType } from 'mongoose';
import { INVOICE_KINDS, PAYMENT_TERMS } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { deliveryOutboxPlugin } from '../deliveries/delivery-outbox.js';
import { figureSourcePlugin } from '../figures/kept-figures.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';
import { immutableOnceIssued } from './invoice-immutability.js';

const invoiceLineSchema = new Schema(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPriceCents: { type: Number, required: true },
    vatRateBp: { type: Number, required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    grossCents: { type: Number, required: true },
    /** On a credit note: the line of the invoice it reverses. */
    invoiceLine: { type: Number, default: undefined },
  },
  { _id: false },
);

const partySchema = new Schema(
  {
    name: { type: String, required: true },
    taxId: { type: String, default: '' },
    lines: { type: [String], default: [] },
    email: { type: String, default: '' },
  },
  { _id: false },
);

/**
 * An invoice, or a credit note reversing (part of) one. Written once, then immutable: what it says
 * (number, parties, lines, totals, dates) never changes (invoice-immutability.ts refuses such an
 * update); only what happens to it afterwards moves: the credited and paid sums.
 */
const invoiceSchema = new Schema(
  {
    distributorId: { type: Schema.Types.ObjectId, required: true },
    resellerId: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true },
    customerName: { type: String, required: true },
    kind: { type: String, enum: INVOICE_KINDS, required: true },
    /** Null until drawn from the reseller's gapless sequence (invoice-numbering.ts); never shown before. */
    number: { type: String, default: null },
    seq: { type: Number, default: null },
    /** The invoice's order (one invoice per executed order), or the invoice a credit note reverses. */
    orderId: { type: Schema.Types.ObjectId, default: null },
    orderNumber: { type: String, default: null },
    invoiceId: { type: Schema.Types.ObjectId, default: null },
    invoiceNumber: { type: String, default: null },
    /** A monthly subscription invoice: the month it bills (`2026-11`, monthly-billing.ts); null otherwise. */
    billingMonth: { type: String, default: null },
    issuedAt: { type: Date, required: true },
    dueAt: { type: Date, default: null },
    paymentTerms: { type: String, enum: PAYMENT_TERMS, default: null },
    currency: { type: String, required: true },
    language: { type: String, required: true, default: 'en' },
    seller: { type: partySchema, required: true },
    buyer: { type: partySchema, required: true },
    lines: { type: [invoiceLineSchema], required: true },
    netCents: { type: Number, required: true },
    vatCents: { type: Number, required: true },
    totalCents: { type: Number, required: true },
    reason: { type: String, default: '' },
    /** Invoice: the sum of its credit notes, and the invoice lines they reversed (each at most once). */
    creditedCents: { type: Number, required: true, default: 0 },
    creditedLines: { type: [Number], default: [] },
    /** Invoice: the credit notes claimed against it, numbered or still being issued. */
    creditNoteIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Invoice: the sum of the payments recorded against it, and those payments (each applied once). */
    paidCents: { type: Number, required: true, default: 0 },
    paymentIds: { type: [Schema.Types.ObjectId], default: [] },
    /**
     * Invoice: total − credited − paid, kept by the same writes that move those, so a payment or a
     * credit note larger than what is open is refused by the write's own condition (never below 0).
     */
    openCents: { type: Number, required: true, default: 0 },
    /** Whether its issue was announced (audit event, emails): done once, after it is numbered. */
    announced: { type: Boolean, required: true, default: false },
  },
  { timestamps: true },
);
// A reseller's documents by number (the numbering itself keeps numbers unique: invoice-numbering.ts),
// and newest first per customer and overall.
invoiceSchema.index({ distributorId: 1, resellerId: 1, number: 1 });
// The customer search by a document's number, for the distributor across its resellers too.
invoiceSchema.index({ distributorId: 1, number: 1 });
invoiceSchema.index({ distributorId: 1, resellerId: 1, customerId: 1, issuedAt: -1, _id: -1 });
invoiceSchema.index({ distributorId: 1, resellerId: 1, issuedAt: -1, _id: -1 });
invoiceSchema.index({ distributorId: 1, issuedAt: -1, _id: -1 });
// One customer's, for its distributor (the reseller's and the storefront's go through the first index).
invoiceSchema.index({ distributorId: 1, customerId: 1, issuedAt: -1, _id: -1 });
// The start-up recovery's credit notes left unnumbered.
invoiceSchema.index({ kind: 1, number: 1 });
// What a customer still owes, and its overdue invoices (the credit checks on approval).
invoiceSchema.index({ distributorId: 1, customerId: 1, openCents: 1, dueAt: 1 });
invoiceSchema.plugin(immutableOnceIssued);
invoiceSchema.plugin(auditOutboxPlugin);
// Issuing, crediting and paying move the customer's balance (kept figures), in the same writes.
invoiceSchema.plugin(figureSourcePlugin);
invoiceSchema.plugin(deliveryOutboxPlugin);
invoiceSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export type InvoiceDoc = InferSchemaType<typeof invoiceSchema>;
export const Invoice = model('Invoice', invoiceSchema);
