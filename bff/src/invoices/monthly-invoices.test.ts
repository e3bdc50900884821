import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import { demoId } from '../seed/demo-ids.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { counterKey, InvoiceCounter } from './invoice-numbering.js';
import { Invoice } from './invoice.model.js';
import { executedAtOf, monthBounds, monthlyInvoiceIdFor, monthlyLines, monthsToBill, proratedCents } from './monthly-billing.js';
import { issueMonthlyInvoices } from './monthly-invoices.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const deposit = demoId('reseller:deposit');
const now = new Date('2026-12-01T00:30:00Z');
const DAY = 86_400_000;
let cookie = '';

/** Customers of the Deposit reseller whose demo orders are replaced by the test's own. */
const [ruleCustomer, raceA, raceB, raceC, crashCustomer] = [3, 4, 5, 7, 8].map((i) => demoId(`customer:deposit:${i}`)) as [Types.ObjectId, Types.ObjectId, Types.ObjectId, Types.ObjectId, Types.ObjectId];
let template: Record<string, unknown>;

async function subscription(customerId: Types.ObjectId, number: string, executedAt: string, lines: { billing: string; quantity: number; unitPriceCents: number }[], over: Record<string, unknown> = {}) {
  const base = template.lines as Record<string, unknown>[];
  await Order.collection.insertOne({
    ...template,
    _id: new Types.ObjectId(),
    customerId,
    number,
    status: 'executed',
    subscriptionActive: true,
    orderedAt: new Date(new Date(executedAt).getTime() - DAY),
    history: [{ at: new Date(executedAt), from: 'in_progress', to: 'executed', byUserId: null, byName: 'Staff', byRole: 'reseller', note: '' }],
    lines: lines.map((l, n) => ({ ...base[0], sku: `SKU-${number}-${n}`, name: `Service ${n}`, ...l })),
    ...over,
  });
}

const balanceOf = async (customerId: Types.ObjectId) => (await http.get(`/api/customers/${customerId}/balance`, cookie)).body.balanceCents as number;
const seqOf = (n: string) => Number(n.split('-')[2]);

beforeAll(async () => {
  cookie = await signIn(app, 'deposit');
  template = (await Order.collection.findOne({ resellerId: deposit }))!;
  delete template.pendingAudit;
  delete template.pendingFigures;
  delete template.pendingDeliveries;
  const ours = [ruleCustomer, raceA, raceB, raceC, crashCustomer];
  await Order.collection.deleteMany({ customerId: { $in: ours } });
  await Customer.collection.updateMany({ _id: { $in: ours } }, { $set: { creditTerms: { paymentTerms: 'net_30', creditLimitCents: null, vatRateBp: 2400 } } });
});

describe('the monthly rule', () => {
  it('bills the last three finished months, once settled', () => {
    expect(monthsToBill(now)).toEqual(['2026-09', '2026-10', '2026-11']);
    // Ten minutes into December, November is not settled yet.
    expect(monthsToBill(new Date('2026-12-01T00:05:00Z'))).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(monthsToBill(new Date('2027-01-15T00:00:00Z'))).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('prorates the month it started by days (half-up to the cent), bills later months whole, monthly lines only', () => {
    expect(proratedCents(3100, 20, 31)).toBe(2000);
    expect(proratedCents(1000, 1, 30)).toBe(33); // 33.33…
    expect(proratedCents(1001, 15, 30)).toBe(501); // 500.5 → 501
    const orders = [{ number: 'A', executedAt: new Date('2026-10-12T15:00:00Z'), lines: [{ sku: 's', name: 'Mail', billing: 'monthly', quantity: 2, unitPriceCents: 3100 }, { sku: 'o', name: 'Set-up', billing: 'one_time', quantity: 1, unitPriceCents: 9999 }] }];
    expect(monthlyLines(orders, '2026-09', 2400)).toEqual([]);
    const oct = monthlyLines(orders, '2026-10', 2400);
    expect(oct).toHaveLength(1);
    expect(oct[0]).toMatchObject({ quantity: 2, unitPriceCents: 2000, netCents: 4000, vatCents: 960, grossCents: 4960 });
    expect(oct[0]!.name).toContain('12–31 Oct 2026, 20/31 days');
    expect(monthlyLines(orders, '2026-11', 2400)[0]).toMatchObject({ unitPriceCents: 3100, netCents: 6200 });
  });
});

describe('monthly subscription invoices', () => {
  it('one invoice per customer and month, with its subscriptions’ monthly lines; never again on a second run', async () => {
    await subscription(ruleCustomer, 'T-RULE-1', '2026-10-12T15:00:00Z', [{ billing: 'monthly', quantity: 2, unitPriceCents: 3100 }, { billing: 'one_time', quantity: 1, unitPriceCents: 9999 }]);
    await subscription(ruleCustomer, 'T-RULE-2', '2026-08-20T09:00:00Z', [{ billing: 'monthly', quantity: 1, unitPriceCents: 1000 }]);
    // Cancelled, and not yet executed: neither is billed.
    await subscription(ruleCustomer, 'T-RULE-3', '2026-08-20T09:00:00Z', [{ billing: 'monthly', quantity: 1, unitPriceCents: 777 }], { subscriptionActive: false });
    await subscription(ruleCustomer, 'T-RULE-4', '2026-08-20T09:00:00Z', [{ billing: 'monthly', quantity: 1, unitPriceCents: 555 }], { status: 'in_progress' });
    const before = await balanceOf(ruleCustomer);

    expect(await issueMonthlyInvoices(now, { customerIds: [ruleCustomer] })).toBe(3);
    const invoices = await Invoice.collection.find({ customerId: ruleCustomer, billingMonth: { $ne: null } }).sort({ billingMonth: 1 }).toArray();
    expect(invoices.map((i) => i.billingMonth)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(invoices.map((i) => i.netCents)).toEqual([1000, 1000 + 4000, 1000 + 6200]);
    expect(invoices.map((i) => i._id.toHexString())).toEqual(['2026-09', '2026-10', '2026-11'].map((m) => monthlyInvoiceIdFor(ruleCustomer, m).toHexString()));
    for (const i of invoices) {
      expect(i.number).toMatch(/^INV-2026-\d{6}$/);
      expect(i.announced).toBe(true);
      expect(i.orderId).toBeNull();
      expect(i.dueAt.getTime() - i.issuedAt.getTime()).toBe(30 * DAY);
      expect(i.totalCents).toBe(i.lines.reduce((s: number, l: { grossCents: number }) => s + l.grossCents, 0));
      expect(JSON.stringify(i)).not.toMatch(/cost/i);
    }
    expect(await balanceOf(ruleCustomer)).toBe(before + invoices.reduce((s, i) => s + i.totalCents, 0));

    // Housekeeping again (and a month later: September left the window, nothing is issued twice).
    expect(await issueMonthlyInvoices(now, { customerIds: [ruleCustomer] })).toBe(0);
    expect(await issueMonthlyInvoices(new Date('2026-12-20T00:00:00Z'), { customerIds: [ruleCustomer] })).toBe(0);
    expect(await Invoice.collection.countDocuments({ customerId: ruleCustomer, billingMonth: { $ne: null } })).toBe(3);

    const shown = await http.get(`/api/invoices/${invoices[2]!._id.toHexString()}`, cookie);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ billingMonth: '2026-11', orderNumber: null, status: 'open' });
  });

  it('50 runners at once: one invoice per customer and month, numbers consecutive without a gap, the balance moved once', async () => {
    for (const [n, c] of [raceA, raceB, raceC].entries()) await subscription(c, `T-RACE-${n}`, '2026-11-05T10:00:00Z', [{ billing: 'monthly', quantity: 1, unitPriceCents: 2600 + n }]);
    const key = counterKey('invoice', deposit, 2026);
    const seqBefore = ((await InvoiceCounter.collection.findOne({ _id: key as never }))?.seq as number | undefined) ?? 0;
    const balances = await Promise.all([raceA, raceB, raceC].map(balanceOf));

    const runs = await Promise.all(Array.from({ length: 50 }, () => issueMonthlyInvoices(now, { customerIds: [raceA, raceB, raceC] })));
    expect(runs.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(3);
    const invoices = await Invoice.collection.find({ customerId: { $in: [raceA, raceB, raceC] }, billingMonth: { $ne: null } }).toArray();
    expect(invoices.map((i) => i.billingMonth)).toEqual(['2026-11', '2026-11', '2026-11']);
    expect(invoices.map((i) => seqOf(i.number)).sort((a, b) => a - b)).toEqual([seqBefore + 1, seqBefore + 2, seqBefore + 3]);
    expect((await InvoiceCounter.collection.findOne({ _id: key as never }))!.seq).toBe(seqBefore + 3);
    // November: 26/30 days of it (from the 5th). 2600 × 26 / 30 = 2253.33 → 2253.
    const byCustomer = new Map(invoices.map((i) => [i.customerId.toHexString(), i]));
    expect(byCustomer.get(raceA.toHexString())!.lines[0].unitPriceCents).toBe(2253);
    expect(await Promise.all([raceA, raceB, raceC].map(balanceOf))).toEqual(balances.map((b, n) => b + byCustomer.get([raceA, raceB, raceC][n]!.toHexString())!.totalCents));
  });

  it('a crash after storing it and before numbering: the start-up recovery numbers and announces it, housekeeping adds none', async () => {
    await subscription(crashCustomer, 'T-CRASH-1', '2026-10-01T08:00:00Z', [{ billing: 'monthly', quantity: 1, unitPriceCents: 4000 }]);
    // What a runner that died right after its insert leaves: the month's invoice, unnumbered and unannounced.
    expect(await issueMonthlyInvoices(now, { customerIds: [crashCustomer] })).toBe(2);
    const issued = (await Invoice.collection.findOne({ _id: monthlyInvoiceIdFor(crashCustomer, '2026-11') }))!;
    const before = await balanceOf(crashCustomer);
    const key = counterKey('invoice', deposit, 2026);
    const seq = (await InvoiceCounter.collection.findOne({ _id: key as never }))!.seq as number;
    const stranded = { ...issued, _id: monthlyInvoiceIdFor(crashCustomer, '2026-12'), billingMonth: '2026-12', number: null, seq: null, announced: false, pendingAudit: [], pendingFigures: [], pendingDeliveries: [] };
    await Invoice.collection.insertOne(stranded);

    await recoverUnfinishedChanges();
    const recovered = (await Invoice.collection.findOne({ _id: stranded._id }))!;
    expect(recovered.number).toBe(`INV-2026-${String(seq + 1).padStart(6, '0')}`);
    expect(recovered.announced).toBe(true);
    expect(await balanceOf(crashCustomer)).toBe(before + issued.totalCents);
    await recoverUnfinishedChanges();
    expect(await issueMonthlyInvoices(now, { customerIds: [crashCustomer] })).toBe(0);
    expect(await balanceOf(crashCustomer)).toBe(before + issued.totalCents);
  });

  it('a whole round reads every tenant’s customers a page at a time: each subscriber billed once a month, whichever page it is on', async () => {
    // Eight subscribers spread over the customers in _id order, the rest's subscriptions ended.
    // Monthly lines picked here: a condition on an array's field is FerretDB's to answer, and the suite lets the application's reads only go to SQL.
    const monthly = (orders: Record<string, unknown>[]) => orders.filter((o) => (o.lines as { billing: string }[]).some((l) => l.billing === 'monthly'));
    const active = { subscriptionActive: true, status: 'executed', customerId: { $nin: [ruleCustomer, raceA, raceB, raceC, crashCustomer] } };
    const ids = [...new Set(monthly(await Order.collection.find(active).toArray()).map((o) => String(o.customerId)))].sort();
    const kept = ids.filter((_, i) => i % Math.floor(ids.length / 8) === 0).slice(0, 8);
    expect(kept).toHaveLength(8);
    await Order.collection.updateMany({ subscriptionActive: true, customerId: { $nin: kept.map((id) => new Types.ObjectId(id)) } }, { $set: { subscriptionActive: false } });
    // What is owed, recounted from the orders: per month, the customers with a monthly line executed before its end.
    const subscriptions = monthly(await Order.collection.find({ ...active, customerId: { $in: kept.map((id) => new Types.ObjectId(id)) } }).toArray());
    const owed = (month: string) => {
      const { end } = monthBounds(month);
      return [...new Set(subscriptions.filter((o) => executedAtOf(o as never) < end).map((o) => String(o.customerId)))].sort();
    };
    const months = monthsToBill(now);
    expect(owed(months[2]!).length).toBeGreaterThan(3 * 2); // more than two pages of 3

    await issueMonthlyInvoices(now, { pageSize: 3 });
    for (const month of months) {
      const billed = await Invoice.collection.find({ kind: 'invoice', billingMonth: month, customerId: { $in: kept.map((id) => new Types.ObjectId(id)) } }).toArray();
      expect(billed.map((i) => i.customerId.toHexString()).sort(), month).toEqual(owed(month));
    }
    expect(await issueMonthlyInvoices(now, { pageSize: 3 })).toBe(0);
  });
});
