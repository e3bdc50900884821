import type { Types } from 'mongoose';
import type { Invoice as InvoiceDto, InvoiceStatus, PaymentTerms } from '@app/shared';
import { invoicePolicy } from '../policies/invoice.js';
import type { Principal } from '../tenancy/principal.js';
import type { InvoiceDoc } from './invoice.model.js';

export type StoredInvoice = InvoiceDoc & { _id: Types.ObjectId };

/** An invoice's status at `now`, from what is open on it and its due date. */
export function invoiceStatus(i: Pick<InvoiceDoc, 'kind' | 'openCents' | 'paidCents' | 'creditedCents' | 'totalCents' | 'dueAt'>, now = new Date()): InvoiceStatus | null {
  if (i.kind !== 'invoice') return null;
  if (i.openCents <= 0) return i.creditedCents >= i.totalCents ? 'credited' : 'paid';
  if (i.dueAt && i.dueAt.getTime() < now.getTime()) return 'overdue';
  return i.paidCents > 0 ? 'partly_paid' : 'open';
}

const id = (v: Types.ObjectId | null | undefined) => (v ? v.toHexString() : null);

export function presentInvoice(i: StoredInvoice, principal: Principal, now = new Date()): InvoiceDto {
  const resource = { kind: i.kind, openCents: i.openCents };
  return {
    id: i._id.toHexString(),
    kind: i.kind,
    number: i.number ?? '',
    customerId: i.customerId.toHexString(),
    customerName: i.customerName,
    orderId: id(i.orderId),
    orderNumber: i.orderNumber ?? null,
    invoiceId: id(i.invoiceId),
    invoiceNumber: i.invoiceNumber ?? null,
    billingMonth: i.billingMonth ?? null,
    issuedAt: i.issuedAt.toISOString(),
    dueAt: i.dueAt ? i.dueAt.toISOString() : null,
    paymentTerms: (i.paymentTerms as PaymentTerms | null) ?? null,
    currency: i.currency,
    seller: { name: i.seller.name, taxId: i.seller.taxId ?? '', lines: i.seller.lines, email: i.seller.email ?? '' },
    buyer: { name: i.buyer.name, taxId: i.buyer.taxId ?? '', lines: i.buyer.lines, email: i.buyer.email ?? '' },
    lines: i.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      vatRateBp: l.vatRateBp,
      netCents: l.netCents,
      vatCents: l.vatCents,
      grossCents: l.grossCents,
      invoiceLine: l.invoiceLine ?? null,
    })),
    netCents: i.netCents,
    vatCents: i.vatCents,
    totalCents: i.totalCents,
    creditedCents: i.creditedCents,
    paidCents: i.paidCents,
    balanceCents: i.kind === 'invoice' ? i.openCents : 0,
    status: invoiceStatus(i, now),
    creditedLines: i.creditedLines ?? [],
    abilities: invoicePolicy.abilities(principal, resource, { credit: 'invoice.credit', recordPayment: 'payment.record' }),
  };
}
