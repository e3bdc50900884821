import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { backgroundLogger } from '../logger.js';
import { Order } from '../orders/order.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';
import { numberAndAnnounce, storeInvoiceOnce } from './issue-invoice.js';
import { executedAtOf, monthBounds, monthlyInvoiceIdFor, monthlyLines, monthsToBill, type SubscriptionOrder } from './monthly-billing.js';

/** The months this process has billed for every customer, in a round that ran to the end. */
const billedInThisProcess = new Set<string>();
const SYSTEM = { userId: null, name: 'System', role: 'system' } as const;

interface Subscriber {
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId;
  customerId: Types.ObjectId;
  orders: SubscriptionOrder[];
}

/** How many customers' subscriptions are read at once: what a round holds in memory, whatever the number of customers. */
const CUSTOMERS_PER_READ = 200;

/**
 * The customers to bill, a page at a time in _id order: every tenant's (a system job), or the given
 * ones. A page, not the lot: at 100k customers with 1M orders, reading every subscription at once
 * took the BFF past its heap 23 s after each start.
 */
async function* customerPages(customerIds: readonly Types.ObjectId[] | undefined, pageSize: number): AsyncGenerator<Types.ObjectId[]> {
  if (customerIds) {
    for (let i = 0; i < customerIds.length; i += pageSize) yield customerIds.slice(i, i + pageSize);
    return;
  }
  let after: Types.ObjectId | null = null;
  for (;;) {
    const page: { _id: Types.ObjectId }[] = await unsafeUnscoped(
      Customer.find(after ? { _id: { $gt: after } } : {}, { _id: 1 }).sort({ _id: 1 }).limit(pageSize),
      'invoices: every tenant’s customers, a page at a time, to bill their month (housekeeping)',
    ).lean();
    if (page.length === 0) return;
    yield page.map((c) => c._id);
    after = page[page.length - 1]!._id;
  }
}

/** Of these customers, those with active subscriptions (executed orders with monthly lines), in _id order. */
async function subscribers(customerIds: readonly Types.ObjectId[]): Promise<Subscriber[]> {
  const orders = await unsafeUnscoped(
    Order.find(
      { subscriptionActive: true, status: 'executed', customerId: { $in: customerIds } },
      { distributorId: 1, resellerId: 1, customerId: 1, number: 1, lines: 1, history: 1, orderedAt: 1 },
    ),
    'invoices: the month’s subscriptions of some customers to bill (housekeeping)',
  ).lean();
  const byCustomer = new Map<string, Subscriber>();
  for (const o of orders) {
    if (!o.lines.some((l) => l.billing === 'monthly')) continue;
    const key = o.customerId.toHexString();
    const s = byCustomer.get(key) ?? { distributorId: o.distributorId, resellerId: o.resellerId, customerId: o.customerId, orders: [] };
    s.orders.push({ number: o.number, executedAt: executedAtOf(o), lines: o.lines });
    byCustomer.set(key, s);
  }
  return [...byCustomer.values()].sort((a, b) => a.customerId.toHexString().localeCompare(b.customerId.toHexString()));
}

/**
 * Issues one customer's invoice for one month, once whoever calls it and however often: its _id is
 * derived from (customer, month), so a second insert fails on the key and the first stands; then it
 * is numbered and announced (idempotent too). Answers whether this call found work to do.
 */
async function issueMonthlyInvoice(s: Subscriber, month: string, now: Date): Promise<boolean> {
  const _id = monthlyInvoiceIdFor(s.customerId, month);
  const existing = await unsafeUnscoped(Invoice.findById(_id, { announced: 1 }), 'invoices: is this customer’s month invoiced').lean();
  if (existing?.announced) return false;
  if (!existing) {
    const stored = await storeInvoiceOnce({
      _id,
      distributorId: s.distributorId,
      resellerId: s.resellerId,
      customerId: s.customerId,
      about: { billingMonth: month },
      issuedAt: now,
      linesAt: (vatRateBp) => monthlyLines(s.orders, month, vatRateBp),
    });
    if (!stored) return false;
  }
  await numberAndAnnounce(_id, SYSTEM);
  return true;
}

/**
 * Housekeeping: every finished month of the catch-up window (monthly-billing.ts) not yet invoiced
 * gets, per customer with subscriptions, its one invoice. Safe to run from many processes at once
 * and again after a crash at any point: it finishes what it finds unnumbered or unannounced.
 * `customerIds` narrows it to some customers, `pageSize` sets how many are read at once (tests).
 * Answers how many invoices it issued or finished.
 */
export async function issueMonthlyInvoices(now = new Date(), opts: { customerIds?: readonly Types.ObjectId[]; pageSize?: number } = {}): Promise<number> {
  // A month this process billed to the end stays billed (no order executes into a finished month):
  // later rounds skip it instead of reading every subscription again.
  const months = monthsToBill(now).filter((m) => opts.customerIds || !billedInThisProcess.has(m));
  if (months.length === 0) return 0;
  let done = 0;
  // Month by month (each reseller's numbers then follow the months), a page of customers at a time.
  for (const month of months) {
    const { end } = monthBounds(month);
    let whole = true;
    for await (const ids of customerPages(opts.customerIds, opts.pageSize ?? CUSTOMERS_PER_READ)) {
      for (const s of await subscribers(ids)) {
        const orders = s.orders.filter((o) => o.executedAt < end);
        if (orders.length === 0) continue;
        // One customer that cannot be billed (its record gone, a database hiccup) holds up no other:
        // it is told to the log, and the month is tried again at the next round.
        try {
          if (await issueMonthlyInvoice({ ...s, orders }, month, now)) done++;
        } catch (err) {
          whole = false;
          backgroundLogger.warn({ err, customerId: String(s.customerId), month }, 'monthly invoice not issued; the next housekeeping round tries again');
        }
      }
    }
    if (whole && !opts.customerIds) billedInThisProcess.add(month);
  }
  return done;
}

/** At start-up: monthly invoices stored but never numbered (a crash in between) are numbered and announced. */
export async function finishMonthlyInvoices(): Promise<number> {
  const waiting = await unsafeUnscoped(Invoice.find({ kind: 'invoice', number: null }, { _id: 1, billingMonth: 1 }), 'invoices: monthly invoices a crash left unnumbered').lean();
  const monthly = waiting.filter((i) => i.billingMonth);
  for (const i of monthly) await numberAndAnnounce(i._id, SYSTEM);
  return monthly.length;
}
