import { Types } from 'mongoose';
import type { CreateCreditNote } from '@app/shared';
import { conflict, validationFailed } from '../errors/app-error.js';
import { pushFigureDelta } from '../figures/kept-figures.js';
import { settleFiguresOf } from '../figures/figure-sources.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { totalsOf } from './invoice-tax.js';
import { Invoice } from './invoice.model.js';
import { getInvoice } from './invoice.service.js';
import type { StoredInvoice } from './invoice.presenter.js';
import { numberAndAnnounce } from './issue-invoice.js';

const CHANGED = 'This invoice was credited or paid meanwhile, so this credit note no longer fits it. Reload to see it.';

/**
 * A credit note reversing the whole invoice (what of it is not reversed yet) or the named lines,
 * each line whole and at most once, never more than is still open on it. The invoice itself is
 * never edited: the credit note is a document of its own with its own number (CN-2026-000007).
 *
 * Without transactions it goes in three steps: the credit note is stored unnumbered (nobody sees
 * it); one conditional write on the invoice claims its lines and amount (so of two racing credit
 * notes for the same line, one lands); then it is numbered and announced. A claim that fails takes
 * the unnumbered note away again; a crash after the claim is finished by the start-up recovery
 * (`finishCreditNotes`).
 */
export async function createCreditNote(actor: Actor, invoiceId: string, input: CreateCreditNote): Promise<StoredInvoice> {
  const { principal, scope } = actor;
  const invoice = await getInvoice(scope, invoiceId);
  invoicePolicy.authorize(principal, 'invoice.credit', { kind: invoice.kind, openCents: invoice.openCents }, () =>
    conflict(invoice.kind === 'invoice' ? 'Nothing is left open on this invoice to credit.' : 'A credit note cannot be credited.'),
  );
  const credited = new Set(invoice.creditedLines ?? []);
  const chosen = input.lines ? [...new Set(input.lines)].sort((a, b) => a - b) : invoice.lines.map((_, i) => i).filter((i) => !credited.has(i));
  const unknown = chosen.filter((i) => i >= invoice.lines.length);
  if (unknown.length > 0) throw validationFailed({ lines: `This invoice has no line ${unknown[0]! + 1}` });
  const twice = chosen.filter((i) => credited.has(i));
  if (twice.length > 0) throw conflict(`Line ${twice[0]! + 1} of this invoice is credited already.`);
  if (chosen.length === 0) throw conflict('Every line of this invoice is credited already.');

  const lines = chosen.map((i) => ({ ...invoice.lines[i]!, invoiceLine: i }));
  const totals = totalsOf(lines);
  if (totals.grossCents > invoice.openCents) {
    throw conflict(`Only ${(invoice.openCents / 100).toFixed(2)} is still open on this invoice; the lines named come to ${(totals.grossCents / 100).toFixed(2)}.`);
  }
  const _id = new Types.ObjectId();
  await scopedDoc(
    new Invoice({
      _id,
      distributorId: invoice.distributorId,
      resellerId: invoice.resellerId,
      customerId: invoice.customerId,
      customerName: invoice.customerName,
      kind: 'credit_note',
      invoiceId: invoice._id,
      invoiceNumber: invoice.number,
      orderId: invoice.orderId,
      orderNumber: invoice.orderNumber,
      issuedAt: new Date(),
      currency: invoice.currency,
      language: invoice.language,
      seller: invoice.seller,
      buyer: invoice.buyer,
      lines,
      netCents: totals.netCents,
      vatCents: totals.vatCents,
      totalCents: totals.grossCents,
      reason: input.reason,
    }),
    scope,
  ).save();
  const claimed = await scoped(
    Invoice.findOneAndUpdate(
      { _id: invoice._id, openCents: { $gte: totals.grossCents }, creditedLines: { $nin: chosen } },
      { $inc: { openCents: -totals.grossCents, creditedCents: totals.grossCents }, $push: { creditedLines: { $each: chosen }, creditNoteIds: _id, ...pushFigureDelta({ balanceCents: -totals.grossCents }) } },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  await settleFiguresOf(Invoice, invoice._id);
  if (!claimed) {
    await scoped(Invoice.deleteOne({ _id, number: null }), scope);
    throw conflict(CHANGED);
  }
  await numberAndAnnounce(_id, { userId: principal.userId, name: principal.displayName, role: principal.role });
  return getInvoice(scope, _id.toHexString());
}

/** Unnumbered credit notes older than this and never claimed were left by a crash: they are taken away. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/** At start-up: credit notes claimed on their invoice but not numbered are numbered; abandoned ones removed. */
export async function finishCreditNotes(now = new Date()): Promise<number> {
  const waiting = await unsafeUnscoped(Invoice.find({ kind: 'credit_note', number: null }, { _id: 1, invoiceId: 1, createdAt: 1 }), 'invoices: credit notes a crash left unnumbered').lean();
  for (const cn of waiting) {
    const claimed = await unsafeUnscoped(Invoice.findOne({ _id: cn.invoiceId, creditNoteIds: cn._id }, { _id: 1 }), 'invoices: was a credit note claimed').lean();
    if (claimed) await numberAndAnnounce(cn._id, { userId: null, name: 'System', role: 'system' });
    else if (now.getTime() - (cn as { createdAt: Date }).createdAt.getTime() > ABANDONED_AFTER_MS) {
      await unsafeUnscoped(Invoice.deleteOne({ _id: cn._id, number: null }), 'invoices: an abandoned, never-claimed credit note');
    }
  }
  return waiting.length;
}
