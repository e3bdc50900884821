import { Types } from 'mongoose';
import type { RecordPayment } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { getCustomer } from '../customers/customer.service.js';
import { conflict, forbidden, validationFailed } from '../errors/app-error.js';
import { pushFigureDelta } from '../figures/kept-figures.js';
import { settleFiguresOf } from '../figures/figure-sources.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';
import { Payment, type PaymentDoc } from './payment.model.js';

type StoredPayment = PaymentDoc & { _id: Types.ObjectId; createdAt: Date };

const money = (cents: number) => (cents / 100).toFixed(2);

/** Takes one part of a payment onto its invoice, once: only while that much is open on it. */
async function applyPart(paymentId: Types.ObjectId, invoiceId: Types.ObjectId, amountCents: number): Promise<boolean> {
  const res = await unsafeUnscoped(
    Invoice.updateOne(
      { _id: invoiceId, kind: 'invoice', openCents: { $gte: amountCents }, paymentIds: { $ne: paymentId } },
      { $inc: { openCents: -amountCents, paidCents: amountCents }, $push: { paymentIds: paymentId, ...pushFigureDelta({ balanceCents: -amountCents }) } },
    ),
    'invoices: a payment’s part, its invoice named by the payment already checked in scope',
  );
  await settleFiguresOf(Invoice, invoiceId);
  if (res.modifiedCount === 1) return true;
  // Taken already by an earlier attempt of the same payment (the recovery): it counts as done.
  return (await unsafeUnscoped(Invoice.findOne({ _id: invoiceId, paymentIds: paymentId }, { _id: 1 }), 'invoices: was this part taken').lean()) !== null;
}

/** Gives a part back (the payment did not go through as a whole), once. */
async function undoPart(paymentId: Types.ObjectId, invoiceId: Types.ObjectId, amountCents: number): Promise<void> {
  await unsafeUnscoped(
    Invoice.updateOne(
      { _id: invoiceId, paymentIds: paymentId },
      { $inc: { openCents: amountCents, paidCents: -amountCents }, $pullAll: { paymentIds: [paymentId] }, $push: pushFigureDelta({ balanceCents: amountCents }) },
    ),
    'invoices: giving back a part of a payment that did not go through',
  );
  await settleFiguresOf(Invoice, invoiceId);
}

/** Takes a payment that could not be applied whole off every invoice, and away. */
async function rollBack(p: { _id: Types.ObjectId; allocations: readonly { invoiceId: Types.ObjectId; amountCents: number }[] }): Promise<void> {
  for (const a of p.allocations) await undoPart(p._id, a.invoiceId, a.amountCents);
  await unsafeUnscoped(Payment.deleteOne({ _id: p._id, state: 'applying' }), 'invoices: a payment rolled back');
}

/**
 * Records a payment against one or more invoices of one customer (reseller staff). Each part is at
 * most what is open on its invoice; if any is more (at once, or because a racing payment took it
 * first) the whole payment is refused with 409 and nothing of it stays.
 */
export async function recordPayment(actor: Actor, input: RecordPayment): Promise<StoredPayment> {
  const { principal, scope } = actor;
  if (!invoicePolicy.admits(principal, 'payment.record')) throw forbidden();
  const { customer } = await getCustomer(scope, input.customerId);
  const ids = input.allocations.map((a) => new Types.ObjectId(a.invoiceId));
  const invoices = await scoped(Invoice.find({ _id: { $in: ids }, customerId: customer._id, kind: 'invoice', number: { $ne: null } }), scope).lean();
  const byId = new Map(invoices.map((i) => [i._id.toHexString(), i]));
  const missing = input.allocations.findIndex((a) => !byId.has(a.invoiceId));
  if (missing >= 0) throw validationFailed({ [`allocations.${missing}.invoiceId`]: 'Not an invoice of this customer' });
  for (const [n, a] of input.allocations.entries()) {
    const inv = byId.get(a.invoiceId)!;
    invoicePolicy.authorize(principal, 'payment.record', { kind: inv.kind, openCents: inv.openCents }, () => conflict(`Invoice ${inv.number} is paid already.`, 'conflict', { index: String(n) }));
    if (a.amountCents > inv.openCents) throw conflict(`Only ${money(inv.openCents)} is open on invoice ${inv.number}.`, 'conflict', { index: String(n) });
  }
  const allocations = input.allocations.map((a) => ({ invoiceId: new Types.ObjectId(a.invoiceId), invoiceNumber: byId.get(a.invoiceId)!.number!, amountCents: a.amountCents }));
  const amountCents = allocations.reduce((s, a) => s + a.amountCents, 0);
  const _id = new Types.ObjectId();
  await scopedDoc(
    new Payment({
      _id,
      distributorId: customer.distributorId,
      resellerId: customer.resellerId,
      customerId: customer._id,
      customerName: customer.companyName,
      receivedOn: input.receivedOn,
      reference: input.reference,
      amountCents,
      allocations,
      state: 'applying',
      recordedByName: principal.displayName,
    }),
    scope,
  ).save();
  const taken: typeof allocations = [];
  for (const a of allocations) {
    if (!(await applyPart(_id, a.invoiceId, a.amountCents))) {
      await rollBack({ _id, allocations: taken });
      throw conflict(`Invoice ${a.invoiceNumber} was paid or credited meanwhile: less than ${money(a.amountCents)} is open on it now. Nothing was recorded.`);
    }
    taken.push(a);
  }
  const event = auditEventFor(actor, {
    action: 'payment.recorded',
    target: { type: 'payment', id: _id, label: input.reference },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { amount: { from: null, to: money(amountCents) }, invoices: { from: null, to: allocations.map((a) => `${a.invoiceNumber}: ${money(a.amountCents)}`).join(', ') } },
  });
  const applied = await scoped(Payment.findOneAndUpdate({ _id, state: 'applying' }, { $set: { state: 'applied' }, ...pushAudit(event) }, { returnDocument: 'after' }), scope).lean();
  if (!applied) throw conflict('This payment was rolled back meanwhile (the server restarted while it was recorded). Record it again.');
  await settleAudit(actor, Payment, applied);
  return applied as StoredPayment;
}

/** A payment still applying this long after it was stored was left by a crash. */
const STRANDED_AFTER_MS = 60_000;

/** At start-up: payments a crash left half-applied are rolled back (the reseller records them again). */
export async function finishPayments(now = new Date()): Promise<number> {
  const stranded = (await unsafeUnscoped(
    Payment.find({ state: 'applying', createdAt: { $lt: new Date(now.getTime() - STRANDED_AFTER_MS) } }, { allocations: 1 }),
    'invoices: payments a crash left half-applied',
  ).lean()) as StoredPayment[];
  for (const p of stranded) await rollBack({ _id: p._id, allocations: p.allocations });
  return stranded.length;
}
