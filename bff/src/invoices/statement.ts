import type { Types } from 'mongoose';
import type { StatementQuery } from '@app/shared';
import { getCustomer } from '../customers/customer.service.js';
import { forbidden } from '../errors/app-error.js';
import type { ExportColumn, ExportContent } from '../exports/xlsx-export.js';
import { invoicePolicy } from '../policies/invoice.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { keptBalanceOf } from './customer-balance.js';
import { invoiceReference } from './invoice-export.js';
import { Invoice } from './invoice.model.js';
import { Payment } from './payment.model.js';

const DAY_MS = 86_400_000;

export interface StatementRow {
  date: Date;
  type: string;
  number: string;
  reference: string;
  /** Cents: what it adds to the balance (an invoice), what it takes off (a credit note, a payment). */
  debitCents: number | null;
  creditCents: number | null;
  balanceCents: number;
}

interface Movement {
  date: Date;
  type: string;
  number: string;
  reference: string;
  /** + raises the balance (invoice), − lowers it (credit note, payment). */
  cents: number;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/** Every document and payment of the customer dated on or after `since`, oldest first. */
async function movementsSince(actor: Actor, customerId: Types.ObjectId, since: Date, sinceDay: string): Promise<Movement[]> {
  const [docs, payments] = await Promise.all([
    scoped(
      Invoice.find({ customerId, number: { $ne: null }, issuedAt: { $gte: since } }, 'kind number issuedAt orderNumber invoiceNumber billingMonth totalCents reason').sort({ issuedAt: 1, _id: 1 }),
      actor.scope,
    ).lean(),
    scoped(Payment.find({ customerId, state: 'applied', receivedOn: { $gte: sinceDay } }, 'receivedOn reference amountCents allocations').sort({ receivedOn: 1, _id: 1 }), actor.scope).lean(),
  ]);
  const out: Movement[] = [
    ...docs.map((d) => ({
      date: d.issuedAt,
      type: d.kind === 'invoice' ? 'Invoice' : 'Credit note',
      number: d.number ?? '',
      reference: invoiceReference(d),
      cents: d.kind === 'invoice' ? d.totalCents : -d.totalCents,
    })),
    ...payments.map((p) => ({
      date: dayStart(p.receivedOn),
      type: 'Payment',
      number: p.allocations.map((a) => a.invoiceNumber).join(', '),
      reference: p.reference,
      cents: -p.amountCents,
    })),
  ];
  return out.sort((a, b) => a.date.getTime() - b.date.getTime() || a.number.localeCompare(b.number));
}

/**
 * A customer's statement of account from `from` to `to` (days, both included): the opening balance,
 * each invoice, credit note and payment dated in the range with the running balance, and the
 * closing balance. Both balances come from the one kept balance (customer-balance.ts): closing =
 * the balance now less what is dated after `to`; opening = closing less what is in the range.
 */
export async function customerStatement(actor: Actor, customerId: string, q: StatementQuery): Promise<{ opening: number; closing: number; rows: StatementRow[]; currency: string }> {
  if (!invoicePolicy.admits(actor.principal, 'invoice.export')) throw forbidden();
  const { customer, currency } = await getCustomer(actor.scope, customerId);
  const start = dayStart(q.from);
  const end = new Date(dayStart(q.to).getTime() + DAY_MS);
  const moved = await movementsSince(actor, customer._id, start, q.from);
  const inRange = moved.filter((m) => m.date < end);
  const after = moved.filter((m) => m.date >= end).reduce((s, m) => s + m.cents, 0);
  const closing = keptBalanceOf(customer) - after;
  const opening = closing - inRange.reduce((s, m) => s + m.cents, 0);
  let running = opening;
  const rows: StatementRow[] = [{ date: start, type: 'Opening balance', number: '', reference: '', debitCents: null, creditCents: null, balanceCents: opening }];
  for (const m of inRange) {
    running += m.cents;
    rows.push({ date: m.date, type: m.type, number: m.number, reference: m.reference, debitCents: m.cents > 0 ? m.cents : null, creditCents: m.cents < 0 ? -m.cents : null, balanceCents: running });
  }
  rows.push({ date: dayStart(q.to), type: 'Closing balance', number: '', reference: '', debitCents: null, creditCents: null, balanceCents: closing });
  return { opening, closing, rows, currency };
}

const money = (cents: number | null) => (cents === null ? null : cents / 100);

function statementColumns(currency: string): ExportColumn<StatementRow>[] {
  return [
    { header: 'Date', width: 12, type: 'date', value: (r) => r.date },
    { header: 'Type', width: 16, type: 'text', value: (r) => r.type },
    { header: 'Number', width: 22, type: 'text', value: (r) => r.number },
    { header: 'Reference', width: 30, type: 'text', value: (r) => r.reference },
    { header: 'Debit', width: 14, type: 'money', currency, value: (r) => money(r.debitCents) },
    { header: 'Credit', width: 14, type: 'money', currency, value: (r) => money(r.creditCents) },
    { header: 'Balance', width: 14, type: 'money', currency, value: (r) => money(r.balanceCents) },
  ];
}

async function* each<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const r of rows) yield r;
}

/** Statement.xlsx of a customer over a range of days (its rows are few: read whole, then written). */
export async function statementExport(actor: Actor, q: StatementQuery, params: { id: string }): Promise<ExportContent<StatementRow>> {
  const statement = await customerStatement(actor, params.id, q);
  return { columns: statementColumns(statement.currency), rows: each(statement.rows) };
}
