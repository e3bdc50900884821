import type { Types } from 'mongoose';
import { PAYMENT_TERMS_DAYS, type PaymentTerms } from '@app/shared';
import { buyerOf } from '../invoices/invoice-parties.js';
import { counterKey, formatNumber } from '../invoices/invoice-numbering.js';
import { taxLine, totalsOf } from '../invoices/invoice-tax.js';
import { monthBounds, monthlyInvoiceIdFor, monthlyLines, monthsToBill, type SubscriptionOrder } from '../invoices/monthly-billing.js';
import { demoId } from './demo-ids.js';

/*
 * A few months of invoices for the demo: the executed orders' one-time lines since July, per
 * reseller, numbered without gaps; in every state (paid, partly paid, credited by a credit note,
 * open, overdue as time passes), with the payments and credit notes that put them there. One
 * customer of Cash & Carry is over its credit limit; older open invoices are overdue. Monthly
 * subscription invoices too (invoices/monthly-billing.ts), for the finished months housekeeping
 * would have billed by the demo's date, issued an hour into the next month: the older months paid,
 * the last one open, partly paid or paid; running housekeeping later bills the months after.
 */

const DAY = 86_400_000;
const SINCE = new Date('2026-07-01T00:00:00Z');
const PER_RESELLER = 24;
const MONTHLY_PER_RESELLER = 8;

type SeedCustomer = Record<string, unknown> & { _id: Types.ObjectId; resellerId: Types.ObjectId; distributorId: Types.ObjectId; companyName: string };
type SeedOrder = {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  customerId: Types.ObjectId;
  number: string;
  status: string;
  orderedAt: Date;
  lines: { sku: string; name: string; billing: string; quantity: number; unitPriceCents: number }[];
  history: { at: Date; to: string }[];
  subscriptionActive?: boolean;
};
type SeedReseller = Record<string, unknown> & { _id: Types.ObjectId; name: string; contactEmail: string; city: string; country: string; phone: string };

/** When an order was executed: its invoice's date (numbers follow it, as live issuing does). */
const executedAt = (o: SeedOrder) => o.history.findLast((h) => h.to === 'executed')?.at ?? o.orderedAt;

export function buildDemoInvoices(data: { customers: SeedCustomer[]; orders: SeedOrder[]; resellers: SeedReseller[] }, now: Date) {
  const invoices: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  const counters: { _id: string; seq: number; pending: null }[] = [];
  const customers = new Map(data.customers.map((c) => [c._id.toHexString(), c]));
  const seqs = new Map<string, number>();
  const draw = (key: string) => {
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    return { number: formatNumber(key, seq), seq };
  };
  const buyerCompany = demoId('customer:cash:0');

  for (const r of data.resellers) {
    const seller = { name: r.name, taxId: '', email: r.contactEmail, lines: [r.city, r.country, r.phone].filter(Boolean) };
    const executed = data.orders
      .filter((o) => o.resellerId.equals(r._id) && o.status === 'executed' && o.orderedAt < now && o.lines.some((l) => l.billing === 'one_time'))
      .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime());
    // The buyer's company always has some (the storefront's Invoices page shows them), however old.
    const chosen = [
      ...executed.filter((o) => o.customerId.equals(buyerCompany)).slice(-5),
      ...executed.filter((o) => !o.customerId.equals(buyerCompany) && o.orderedAt >= SINCE).slice(-PER_RESELLER),
    ].sort((a, b) => executedAt(a).getTime() - executedAt(b).getTime());
    /** An invoice to issue: an executed order's one-time lines, or a customer's subscriptions of one month. */
    type Spec = { issuedAt: Date; customerId: Types.ObjectId; o: SeedOrder | null; month: string | null; lines: SeedOrder['lines']; subscriptions: SubscriptionOrder[]; state: number };
    const specs: Spec[] = chosen.map((o, i) => ({
      issuedAt: executedAt(o),
      customerId: o.customerId,
      o,
      month: null,
      lines: o.lines.filter((l) => l.billing === 'one_time'),
      subscriptions: [],
      // 0 paid, 1 partly paid, 2 credited, 3–4 open (overdue once due). The buyer's company has paid
      // its own: an overdue invoice would hold every order its users place (credit decides approval).
      state: o.customerId.equals(buyerCompany) ? 0 : i % 5,
    }));
    const subscribers = new Map<string, SubscriptionOrder[]>();
    for (const o of data.orders) {
      if (!o.resellerId.equals(r._id) || o.status !== 'executed' || !o.subscriptionActive || !o.lines.some((l) => l.billing === 'monthly')) continue;
      const key = o.customerId.toHexString();
      subscribers.set(key, [...(subscribers.get(key) ?? []), { number: o.number, executedAt: executedAt(o), lines: o.lines }]);
    }
    const months = monthsToBill(now);
    // A few subscribers per reseller (and the buyer's company) keep the demo quick to load; the
    // others' months are left to housekeeping, which bills them when the app runs.
    const billedHere = [...subscribers.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .filter(([id], n) => n < MONTHLY_PER_RESELLER || id === buyerCompany.toHexString());
    for (const [n, [customerId, orders]] of billedHere.entries()) {
      for (const month of months) {
        const { end } = monthBounds(month);
        const billed = orders.filter((x) => x.executedAt < end);
        if (billed.length === 0) continue;
        const id = customers.get(customerId)!._id;
        const last = month === months.at(-1);
        // Older months paid; the last one open, partly paid or paid (none for the buyer's company: paid).
        const state = id.equals(buyerCompany) || !last ? 0 : [3, 1, 0][n % 3]!;
        specs.push({ issuedAt: new Date(end.getTime() + 3_600_000), customerId: id, o: null, month, lines: [], subscriptions: billed, state });
      }
    }
    // Numbers follow the issue dates, as live issuing gives them.
    specs.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.customerId.toHexString().localeCompare(b.customerId.toHexString()));
    for (const spec of specs) {
      const { o, month, state } = spec;
      const c = customers.get(spec.customerId.toHexString())!;
      const terms: PaymentTerms = Number(String(c.companyName).length) % 2 === 0 ? 'net_30' : 'net_60';
      const vatRateBp = 2400;
      c.creditTerms ??= { paymentTerms: terms, creditLimitCents: null, vatRateBp };
      const t = c.creditTerms as { paymentTerms: PaymentTerms; vatRateBp: number };
      const issuedAt = spec.issuedAt;
      const lines = month
        ? monthlyLines(spec.subscriptions, month, t.vatRateBp)
        : spec.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents, vatRateBp: t.vatRateBp, ...taxLine(l.unitPriceCents, l.quantity, t.vatRateBp) }));
      const totals = totalsOf(lines);
      const tag = o ? o.number : `${month}:${spec.customerId.toHexString()}`;
      const _id = o ? demoId(`invoice:${o.number}`) : monthlyInvoiceIdFor(spec.customerId, month!);
      const key = counterKey('invoice', r._id, issuedAt.getUTCFullYear());
      const paid = state === 0 ? totals.grossCents : state === 1 ? Math.floor(totals.grossCents / 2) : 0;
      const credited = state === 2 ? totals.grossCents : 0;
      const creditNoteIds: Types.ObjectId[] = [];
      const paymentIds: Types.ObjectId[] = [];
      const invoice = {
        _id,
        distributorId: c.distributorId,
        resellerId: r._id,
        customerId: spec.customerId,
        customerName: c.companyName,
        kind: 'invoice',
        ...draw(key),
        orderId: o?._id ?? null,
        orderNumber: o?.number ?? null,
        invoiceId: null,
        invoiceNumber: null,
        billingMonth: month,
        issuedAt,
        dueAt: new Date(issuedAt.getTime() + PAYMENT_TERMS_DAYS[t.paymentTerms] * DAY),
        paymentTerms: t.paymentTerms,
        currency: 'EUR',
        language: 'en',
        seller,
        buyer: buyerOf(c as never),
        lines,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        totalCents: totals.grossCents,
        reason: '',
        creditedCents: credited,
        creditedLines: credited ? lines.map((_, n) => n) : [],
        creditNoteIds,
        paidCents: paid,
        paymentIds,
        openCents: totals.grossCents - paid - credited,
        announced: true,
        createdAt: issuedAt,
        updatedAt: issuedAt,
      };
      invoices.push(invoice);
      if (credited) {
        const cnAt = new Date(issuedAt.getTime() + 3 * DAY);
        const cnId = demoId(`credit-note:${tag}`);
        creditNoteIds.push(cnId);
        invoices.push({
          ...invoice,
          _id: cnId,
          kind: 'credit_note',
          ...draw(counterKey('credit_note', r._id, cnAt.getUTCFullYear())),
          invoiceId: _id,
          invoiceNumber: invoice.number,
          billingMonth: null,
          issuedAt: cnAt,
          dueAt: null,
          paymentTerms: null,
          lines: lines.map((l, n) => ({ ...l, invoiceLine: n })),
          reason: 'Returned unopened',
          creditedCents: 0,
          creditedLines: [],
          creditNoteIds: [],
          paidCents: 0,
          paymentIds: [],
          openCents: 0,
          createdAt: cnAt,
          updatedAt: cnAt,
        });
      }
      if (paid) {
        const payId = demoId(`payment:${tag}`);
        paymentIds.push(payId);
        const receivedOn = new Date(Math.min(issuedAt.getTime() + 12 * DAY, now.getTime())).toISOString().slice(0, 10);
        payments.push({
          _id: payId,
          distributorId: c.distributorId,
          resellerId: r._id,
          customerId: spec.customerId,
          customerName: c.companyName,
          receivedOn,
          reference: `TRF-${o ? o.number : `${month}-${String(invoice.seq)}`}`,
          amountCents: paid,
          allocations: [{ invoiceId: _id, invoiceNumber: invoice.number, amountCents: paid }],
          state: 'applied',
          recordedByName: r.name,
          createdAt: new Date(`${receivedOn}T10:00:00Z`),
          updatedAt: new Date(`${receivedOn}T10:00:00Z`),
        });
      }
    }
  }
  for (const [key, seq] of seqs) counters.push({ _id: key, seq, pending: null });

  // Over its limit: the Cash & Carry customer (not the buyer's company) owing the most gets a limit of half that.
  const owed = new Map<string, number>();
  for (const inv of invoices) if (inv.kind === 'invoice') owed.set(String(inv.customerId), (owed.get(String(inv.customerId)) ?? 0) + (inv.openCents as number));
  const cash = demoId('reseller:cash');
  const [overLimit] = [...owed.entries()]
    .filter(([id]) => customers.get(id)!.resellerId.equals(cash) && id !== buyerCompany.toHexString())
    .sort((a, b) => b[1] - a[1]);
  if (overLimit) (customers.get(overLimit[0])!.creditTerms as { creditLimitCents: number | null }).creditLimitCents = Math.floor(overLimit[1] / 2);
  return { invoices, payments, counters };
}
