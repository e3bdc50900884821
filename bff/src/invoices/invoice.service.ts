import { Types } from 'mongoose';
import type { InvoiceListQuery, InvoiceStatus, InvoiceView } from '@app/shared';
import { afterCursor, keysetSort, nextCursorOf, type KeysetView } from '../lib/keyset-page.js';
import { forbidden, notFound } from '../errors/app-error.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import type { StoredInvoice } from './invoice.presenter.js';
import { Invoice } from './invoice.model.js';

/** An issued (numbered) invoice or credit note inside the scope, or 404. */
export async function getInvoice(scope: Scope, id: string): Promise<StoredInvoice> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The invoice');
  const doc = await scoped(Invoice.findOne({ _id: new Types.ObjectId(id), number: { $ne: null } }), scope).lean();
  if (!doc) throw notFound('The invoice');
  return doc as StoredInvoice;
}

export async function readInvoice(actor: Actor, id: string): Promise<StoredInvoice> {
  invoicePolicy.authorize(actor.principal, 'invoice.read', undefined, () => forbidden());
  return getInvoice(actor.scope, id);
}

const DAY_MS = 86_400_000;

/** The filter of a status at `now` (what is open, paid, and the due date decide it). */
export function statusFilter(status: InvoiceStatus, now: Date): Record<string, unknown> {
  switch (status) {
    case 'paid':
      return { kind: 'invoice', openCents: 0, paidCents: { $gt: 0 } };
    case 'credited':
      return { kind: 'invoice', openCents: 0, paidCents: 0 };
    case 'overdue':
      return { kind: 'invoice', openCents: { $gt: 0 }, dueAt: { $lt: now } };
    case 'open':
      return { kind: 'invoice', openCents: { $gt: 0 }, paidCents: 0, dueAt: { $gte: now } };
    case 'partly_paid':
      return { kind: 'invoice', openCents: { $gt: 0 }, paidCents: { $gt: 0 }, dueAt: { $gte: now } };
  }
}

/** The view a list or an export shows: one customer's or all the scope's, by kind, status, overdue days and issue day. */
export function invoiceFilter(q: InvoiceView, now = new Date()): Record<string, unknown> {
  const issuedAt: Record<string, Date> = {};
  if (q.from) issuedAt.$gte = new Date(`${q.from}T00:00:00Z`);
  if (q.to) issuedAt.$lt = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS);
  const base = {
    number: { $ne: null },
    ...(q.customerId ? { customerId: new Types.ObjectId(q.customerId) } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(Object.keys(issuedAt).length > 0 ? { issuedAt } : {}),
  };
  const more = [
    q.status ? statusFilter(q.status, now) : null,
    q.overdueDays !== undefined ? { kind: 'invoice', openCents: { $gt: 0 }, dueAt: { $lt: new Date(now.getTime() - q.overdueDays * DAY_MS) } } : null,
  ].filter((f): f is Record<string, unknown> => f !== null);
  return more.length === 0 ? base : { $and: [base, ...more] };
}

/** The order of every invoices view: newest issued first. */
export const INVOICE_KEYSET: KeysetView = { field: 'issuedAt', descending: true, view: [] };
export const invoiceKeyset = (q: InvoiceView): KeysetView => ({
  ...INVOICE_KEYSET,
  view: [q.customerId, q.kind, q.status, q.overdueDays, q.from, q.to].map((v) => v ?? ''),
});

/** One page of the scope's invoices and credit notes, newest first, keyset-paged (offset for jumps), with the view's total. */
export async function listInvoices(actor: Actor, q: InvoiceListQuery, now = new Date()): Promise<{ items: StoredInvoice[]; total: number; nextCursor: string | null }> {
  invoicePolicy.authorize(actor.principal, 'invoice.list', undefined, () => forbidden());
  const filter = invoiceFilter(q, now);
  const keyset = invoiceKeyset(q);
  let query = Invoice.find(afterCursor(keyset, filter, q.cursor)).sort(keysetSort(keyset)).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, actor.scope).lean(), scoped(Invoice.countDocuments(filter), actor.scope)]);
  return { items: items as StoredInvoice[], total, nextCursor: nextCursorOf(keyset, items, q.limit) };
}
