import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { PAYMENT_TERMS_DAYS, type invoiceLineSchema } from '@app/shared';
import type { z } from 'zod';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import type { AuditEventRecord } from '../audit/audit.service.js';
import { pushDeliveries, queueDeliveries } from '../deliveries/delivery-outbox.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { pushFigureDelta } from '../figures/kept-figures.js';
import { Order } from '../orders/order.model.js';
import { SYSTEM_CLIENT } from '../tenancy/actor.js';
import { systemScope } from '../tenancy/scope.js';
import { scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { invoiceIssuedMessages } from './invoice-mail.js';
import { languageOfCustomer } from './invoice-recipients.js';
import { invoiceParties } from './invoice-parties.js';
import { taxLine, totalsOf } from './invoice-tax.js';
import { counterKey, numberDocument } from './invoice-numbering.js';
import { Invoice } from './invoice.model.js';

const DAY_MS = 86_400_000;

/** One order has one invoice: its _id derives from the order's, so issuing twice finds the first. */
export const invoiceIdFor = (orderId: Types.ObjectId) =>
  new Types.ObjectId(createHash('sha256').update(`invoice:${orderId.toHexString()}`).digest('hex').slice(0, 24));

type Who = { userId: Types.ObjectId | null; name: string; role: string };

/** The audit event of a document's issue: by whoever caused it (the order's executor, the staff member crediting). */
export function issueEvent(doc: { _id: Types.ObjectId; distributorId: Types.ObjectId; resellerId: Types.ObjectId; customerId: Types.ObjectId; customerName: string; kind: string; number: string | null; totalCents: number }, by: Who, at: Date): AuditEventRecord {
  return {
    _id: new Types.ObjectId(),
    distributorId: doc.distributorId,
    resellerId: doc.resellerId,
    customerId: doc.customerId,
    at,
    actor: { userId: by.userId, role: by.role, name: by.name, email: null },
    action: doc.kind === 'invoice' ? 'invoice.issued' : 'credit_note.issued',
    target: { type: doc.kind, id: doc._id, label: doc.number },
    customerName: doc.customerName,
    changes: { total: { from: null, to: (doc.totalCents / 100).toFixed(2) } },
    ip: null,
    userAgent: null,
    requestId: null,
  };
}

/**
 * Numbers a stored document and announces it once (its audit event and its emails, in one
 * conditional write on `announced`). Idempotent: the recovery path runs it again safely.
 */
export async function numberAndAnnounce(id: Types.ObjectId, by: Who): Promise<void> {
  const doc = await unsafeUnscoped(Invoice.findById(id), 'invoices: a document to number').lean();
  if (!doc) return;
  const key = counterKey(doc.kind, doc.resellerId, doc.issuedAt.getUTCFullYear());
  const number = await numberDocument(key, id);
  if (doc.announced) return;
  const at = new Date();
  const event = issueEvent({ ...doc, number }, by, at);
  // Its emails (to the customer's accounts users) are composed first and travel in the same write:
  // of two callers announcing at once, one write lands, so they are queued once.
  const messages = await invoiceIssuedMessages({ ...doc, number }, at);
  const announced = await unsafeUnscoped(
    Invoice.findOneAndUpdate(
      { _id: id, announced: false },
      // An invoice adds what it is for to the customer's balance, in the same write that announces it.
      {
        $set: { announced: true },
        $push: { ...pushAudit(event).$push, ...(doc.kind === 'invoice' ? pushFigureDelta({ balanceCents: doc.totalCents }) : {}), ...pushDeliveries(messages) },
      },
      { returnDocument: 'after' },
    ),
    'invoices: announcing an issued document',
  ).lean();
  if (!announced) return;
  await settleAudit({ client: SYSTEM_CLIENT }, Invoice, announced);
  // A failed move leaves them in the outbox for the sweep; the document is issued either way.
  await queueDeliveries(Invoice, announced);
}

/** A new invoice, before its parties and terms are read: what it is for and how its lines come out at a VAT rate. */
export interface InvoiceDraft {
  /** Derived from what it is for (invoiceIdFor, monthlyInvoiceIdFor): a second store finds it taken. */
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  customerId: Types.ObjectId;
  about: { orderId: Types.ObjectId; orderNumber: string } | { billingMonth: string };
  issuedAt: Date;
  /** An invoice's lines as the shared schema has them (`invoiceLine` is a credit note's). */
  linesAt: (vatRateBp: number) => Omit<z.infer<typeof invoiceLineSchema>, 'invoiceLine'>[];
}

/**
 * Stores an invoice once, however many callers store it at once: of two inserts of its _id the
 * second fails on the key and the first stands. Seller, buyer, terms, due date, language and totals
 * are read here, alike for every invoice. Answers false, storing nothing, when it has no lines.
 */
export async function storeInvoiceOnce(draft: InvoiceDraft): Promise<boolean> {
  const { customer, seller, buyer, terms, currency } = await invoiceParties(draft.customerId);
  const lines = draft.linesAt(terms.vatRateBp);
  if (lines.length === 0) return false;
  const totals = totalsOf(lines);
  const tenancy = { distributorId: draft.distributorId, resellerId: draft.resellerId, customerId: draft.customerId };
  const doc = new Invoice({
    _id: draft._id,
    ...tenancy,
    customerName: customer.companyName,
    kind: 'invoice',
    ...draft.about,
    issuedAt: draft.issuedAt,
    dueAt: new Date(draft.issuedAt.getTime() + PAYMENT_TERMS_DAYS[terms.paymentTerms] * DAY_MS),
    paymentTerms: terms.paymentTerms,
    currency,
    language: await languageOfCustomer(tenancy),
    seller,
    buyer,
    lines,
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    totalCents: totals.grossCents,
    openCents: totals.grossCents,
  });
  try {
    await scopedDoc(doc, systemScope(tenancy)).save();
  } catch (err) {
    // Stored meanwhile by another caller (a second process, the recovery and the live path at once): theirs stands.
    if (!isDuplicateKey(err)) throw err;
  }
  return true;
}

/**
 * The invoice of an executed order's one-time lines, issued once whatever calls it: the order's
 * change follow-up (change-follow-ups.ts) runs this after the execution's write and again at
 * start-up while that write's audit event still waits, so a crash between executing the order and
 * issuing its invoice is finished by the recovery. Monthly lines are invoiced per month, not here.
 */
export async function issueInvoiceForOrder(orderId: Types.ObjectId): Promise<void> {
  const order = await readOrder(orderId);
  if (!order || order.status !== 'executed' || order.invoiceDue !== true) return;
  const oneTime = order.lines.filter((l) => l.billing === 'one_time');
  if (oneTime.length > 0) await issueInvoice(order, oneTime);
  await unsafeUnscoped(Order.updateOne({ _id: order._id, invoiceDue: true }, { $unset: { invoiceDue: 1 } }, { timestamps: false }), 'invoices: the order’s invoice is issued');
}

type ExecutedOrder = NonNullable<Awaited<ReturnType<typeof readOrder>>>;
const readOrder = (orderId: Types.ObjectId) => unsafeUnscoped(Order.findById(orderId), 'invoices: an executed order to invoice').lean();

async function issueInvoice(order: ExecutedOrder, oneTime: readonly { sku: string; name: string; quantity: number; unitPriceCents: number }[]): Promise<void> {
  const _id = invoiceIdFor(order._id);
  const executed = [...order.history].reverse().find((h) => h.to === 'executed');
  // Executed by a decision, or placed executed (automatic lines): whoever did it issues the invoice.
  const by: Who = executed ? { userId: executed.byUserId ?? null, name: executed.byName, role: 'reseller' } : { userId: order.placedBy?.userId ?? null, name: order.placedBy?.name ?? 'System', role: order.placedBy?.kind ?? 'system' };
  const existing = await unsafeUnscoped(Invoice.findById(_id, { _id: 1 }), 'invoices: is this order invoiced').lean();
  if (!existing) {
    await storeInvoiceOnce({
      _id,
      distributorId: order.distributorId,
      resellerId: order.resellerId,
      customerId: order.customerId,
      about: { orderId: order._id, orderNumber: order.number },
      issuedAt: executed?.at ?? order.orderedAt,
      linesAt: (vatRateBp) =>
        oneTime.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, vatRateBp, ...taxLine(l.unitPriceCents, l.quantity, vatRateBp) })),
    });
  }
  await numberAndAnnounce(_id, by);
}
