import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { sweepWaitingDeltas } from '../figures/figure-sources.js';
import { figuresOf } from '../figures/kept-figures.js';
import { reconcileDistributor } from '../overview/figure-reconciliation.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { expectCreditStandingEqualsRecount, expectFiguresEqualRecount } from '../test/figures-check.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { Invoice } from './invoice.model.js';
import { invoiceIdFor } from './issue-invoice.js';

/*
 * The customers grid's Balance / Overdue columns and its "overdue" and "over limit" filters read
 * fields kept on the customer (credit headroom, oldest open due date) by the same writes that move
 * its balance or its limit. Random issues, payments, credit notes and limit changes, many at once,
 * must leave them equal to a recount from the invoices and terms.
 */

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const northwind = demoId('distributor:northwind');
// Active customers of Cash & Carry (found below), apart from the buyer's company.
let subjects: Types.ObjectId[] = [];
let lone: Types.ObjectId;
const cookies = {} as Record<DemoAccount, string>;
let manual: { _id: Types.ObjectId };

beforeAll(async () => {
  for (const who of ['cash', 'distributor'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  manual = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'manual', active: true })) as never;
  const active = await Customer.collection.find({ resellerId: demoId('reseller:cash'), active: true, _id: { $ne: demoId('customer:cash:0') } }).sort({ nameKey: 1 }).limit(24).toArray();
  subjects = active.slice(20, 23).map((c) => c._id);
  lone = active[23]!._id;
});

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/** An executed order's invoice for the customer (two one-time lines), issued on the customer's terms now. */
async function issue(customer: Types.ObjectId): Promise<void> {
  const res = await http.post('/api/orders', { customerId: String(customer), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(manual._id), quantity: 1 }] }, cookies.cash);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = new Types.ObjectId(res.body.id as string);
  const line = (await Order.collection.findOne({ _id: id }))!.lines[0];
  const lines = [1500, 900].map((unitPriceCents, i) => ({ ...line, billing: 'one_time', quantity: i + 1, unitPriceCents }));
  await Order.collection.updateOne({ _id: id }, { $set: { status: 'in_progress', lines } });
  expect((await http.post(`/api/orders/${id.toHexString()}/mark-executed`, {}, cookies.distributor)).status).toBe(200);
  expect(await Invoice.collection.countDocuments({ _id: invoiceIdFor(id), number: { $ne: null } })).toBe(1);
}

const openInvoices = (customer: Types.ObjectId) => Invoice.collection.find({ customerId: customer, kind: 'invoice', number: { $ne: null }, openCents: { $gt: 0 } }).toArray();

async function pay(rnd: ReturnType<typeof random>, customer: Types.ObjectId): Promise<number> {
  const open = await openInvoices(customer);
  if (open.length === 0) return 0;
  const inv = rnd.pick(open);
  const amountCents = rnd.next() < 0.4 ? inv.openCents : 1 + rnd.int(inv.openCents);
  const res = await http.post('/api/payments', { customerId: String(customer), receivedOn: '2026-12-01', reference: `R-${randomUUID().slice(0, 6)}`, allocations: [{ invoiceId: String(inv._id), amountCents }] }, cookies.cash);
  return res.status;
}

async function credit(rnd: ReturnType<typeof random>, customer: Types.ObjectId): Promise<number> {
  const open = await openInvoices(customer);
  if (open.length === 0) return 0;
  const inv = rnd.pick(open);
  const res = await http.post(`/api/invoices/${String(inv._id)}/credit-notes`, { lines: rnd.next() < 0.5 ? null : [rnd.int(2)], reason: 'Random' }, cookies.cash);
  return res.status;
}

/** New terms: net 0 (due at once: overdue as soon as issued) or net 15, a limit around what is owed, or none. */
async function setTerms(rnd: ReturnType<typeof random>, customer: Types.ObjectId): Promise<number> {
  const c = (await Customer.collection.findOne({ _id: customer }))!;
  const balance = figuresOf(c).balanceCents;
  const creditLimitCents = rnd.next() < 0.25 ? null : Math.max(0, balance + rnd.int(6000) - 3000);
  const res = await http.put(`/api/customers/${String(customer)}/credit-terms`, { paymentTerms: rnd.pick(['net_0', 'net_15'] as const), creditLimitCents, vatRateBp: 2000, revision: c.revision }, cookies.cash);
  return res.status;
}

async function filtered(customer: Types.ObjectId, filter: string): Promise<boolean> {
  const name = (await Customer.collection.findOne({ _id: customer }))!.companyName as string;
  const res = await http.get(`/api/customers?${filter}&search=${encodeURIComponent(name)}&limit=50`, cookies.cash);
  expect(res.status).toBe(200);
  return (res.body.items as { id: string }[]).some((r) => r.id === customer.toHexString());
}

describe('the credit fields kept on the customer (grid columns and filters)', () => {
  it('the demo data arrives with them equal to a recount, and the demo has customers overdue and over limit', async () => {
    await expectCreditStandingEqualsRecount(northwind);
    const overdue = await http.get('/api/customers?overdue=yes&limit=200&total=1', cookies.cash);
    const overLimit = await http.get('/api/customers?overLimit=yes&limit=200&total=1', cookies.cash);
    expect(overdue.body.total).toBeGreaterThan(0);
    expect(overLimit.body.total).toBeGreaterThan(0);
    for (const row of overdue.body.items) expect(new Date(row.overdueSince).getTime()).toBeLessThan(Date.now());
    for (const row of overLimit.body.items) expect(row.overLimit).toBe(true);
  });

  it('random issues, payments, credit notes and limit changes, many at once, leave them equal to a recount', async () => {
    const rnd = random(Number(process.env.CREDIT_SEED ?? 27));
    for (const c of subjects) {
      expect(await setTerms({ ...rnd, next: () => 0.5 }, c)).toBe(200);
      await issue(c);
    }
    const statuses = new Map<number, number>();
    for (let round = 0; round < 6; round++) {
      const ops = Array.from({ length: 10 }, () => {
        const c = rnd.pick(subjects);
        const r = rnd.next();
        if (r < 0.25) return issue(c).then(() => 201);
        if (r < 0.55) return pay(rnd, c);
        if (r < 0.8) return credit(rnd, c);
        return setTerms(rnd, c);
      });
      for (const s of await Promise.all(ops)) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    // Something of every kind landed (the test did move the fields), and nothing failed otherwise than by a race.
    expect([...statuses.keys()].every((s) => [0, 200, 201, 409].includes(s)), JSON.stringify([...statuses])).toBe(true);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
    await sweepWaitingDeltas();
    await expectCreditStandingEqualsRecount(northwind);
    await expectFiguresEqualRecount(northwind);

    // The filters say what the kept fields say, read against a recount of each subject.
    for (const c of subjects) {
      const open = await openInvoices(c);
      const overdue = open.some((i) => i.announced && i.dueAt && i.dueAt < new Date());
      const doc = (await Customer.collection.findOne({ _id: c }))!;
      const limit = doc.creditTerms?.creditLimitCents ?? null;
      const owed = open.filter((i) => i.announced).reduce((s, i) => s + i.openCents, 0);
      expect(await filtered(c, 'overdue=yes')).toBe(overdue);
      expect(await filtered(c, 'overdue=no')).toBe(!overdue);
      expect(await filtered(c, 'overLimit=yes')).toBe(limit !== null && owed > limit);
      expect(await filtered(c, 'overLimit=no')).toBe(!(limit !== null && owed > limit));
    }
  });

  it('a customer paid up leaves the overdue view; a limit under its balance puts it in the over-limit view', async () => {
    const c = lone;
    const terms = async (creditLimitCents: number | null) => {
      const revision = (await Customer.collection.findOne({ _id: c }))!.revision;
      expect((await http.put(`/api/customers/${String(c)}/credit-terms`, { paymentTerms: 'net_0', creditLimitCents, vatRateBp: 0, revision }, cookies.cash)).status).toBe(200);
    };
    await terms(null);
    await issue(c);
    expect(await filtered(c, 'overdue=yes')).toBe(true);
    const row = (await http.get(`/api/customers?overdue=yes&search=${encodeURIComponent((await Customer.collection.findOne({ _id: c }))!.companyName as string)}`, cookies.cash)).body.items[0];
    expect(row).toMatchObject({ id: c.toHexString(), overLimit: false });
    expect(row.balanceCents).toBeGreaterThan(0);
    await terms(row.balanceCents - 1);
    expect(await filtered(c, 'overLimit=yes')).toBe(true);
    for (const inv of await openInvoices(c)) {
      const res = await http.post('/api/payments', { customerId: String(c), receivedOn: '2026-12-01', reference: 'ALL', allocations: [{ invoiceId: String(inv._id), amountCents: inv.openCents }] }, cookies.cash);
      expect(res.status).toBe(201);
    }
    expect(await filtered(c, 'overdue=yes')).toBe(false);
    expect(await filtered(c, 'overLimit=yes')).toBe(false);
    expect((await Customer.collection.findOne({ _id: c }))!.oldestDueAt).toBeNull();
  });

  it('the reconciliation repairs the fields when they drift', async () => {
    const c = subjects[0]!;
    await Customer.collection.updateOne({ _id: c }, { $set: { oldestDueAt: new Date('2000-01-01'), creditHeadroomCents: 12345 } });
    expect((await reconcileDistributor(northwind)).repaired).toBeGreaterThanOrEqual(1);
    await expectCreditStandingEqualsRecount(northwind);
  });
});
