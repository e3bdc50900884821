import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { counterKey, InvoiceCounter } from './invoice-numbering.js';
import { invoiceIdFor, issueInvoiceForOrder } from './issue-invoice.js';
import { Invoice } from './invoice.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const customer = demoId('customer:cash:9');
const cookies = {} as Record<DemoAccount, string>;
let manual: { _id: Types.ObjectId };
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  for (const who of ['cash', 'distributor'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  manual = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'manual', active: true })) as never;
  await Customer.collection.updateOne(
    { _id: customer },
    {
      $set: {
        creditTerms: { paymentTerms: 'net_30', creditLimitCents: null, vatRateBp: 2400 },
        billingAddress: { address: '4 Billing Lane', city: 'Patras', state: '', postcode: '26221', countryCode: 'GR', country: 'Greece' },
      },
    },
  );
});

/** An order of the customer waiting in progress, with one one-time and one monthly line. */
async function inProgressOrder(): Promise<string> {
  const res = await http.post('/api/orders', { customerId: String(customer), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(manual._id), quantity: 3 }] }, cookies.cash);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = new Types.ObjectId(res.body.id as string);
  const order = (await Order.collection.findOne({ _id: id }))!;
  const line = order.lines[0];
  // Two lines: one one-time (invoiced with the order), one monthly (invoiced with the month, not here).
  const lines = [
    { ...line, billing: 'one_time', quantity: 3, unitPriceCents: 1049 },
    { ...line, billing: 'monthly', quantity: 1, unitPriceCents: 5000 },
  ];
  await Order.collection.updateOne({ _id: id }, { $set: { status: 'in_progress', lines } });
  return res.body.id as string;
}

const invoiceOf = (orderId: string) => Invoice.collection.findOne({ _id: invoiceIdFor(new Types.ObjectId(orderId)) });
const seqOf = (n: string) => Number(n.split('-')[2]);

describe('an executed order’s invoice', () => {
  it('is issued when the order is executed: numbered, due by the terms, taxed per line, one-time lines only, never the cost', async () => {
    const id = await inProgressOrder();
    expect(await invoiceOf(id)).toBeNull();
    const res = await http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor);
    expect(res.status).toBe(200);
    const inv = (await invoiceOf(id))!;
    expect(inv.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    expect(inv.kind).toBe('invoice');
    expect(inv.lines).toHaveLength(1);
    // 3 × 10.49 = 31.47; 24 % = 7.5528 → 7.55 (half-up per line).
    expect(inv.lines[0]).toMatchObject({ quantity: 3, unitPriceCents: 1049, netCents: 3147, vatCents: 755, grossCents: 3902, vatRateBp: 2400 });
    expect({ net: inv.netCents, vat: inv.vatCents, total: inv.totalCents }).toEqual({ net: 3147, vat: 755, total: 3902 });
    expect(inv.dueAt.getTime() - inv.issuedAt.getTime()).toBe(30 * 86_400_000);
    expect(inv.buyer.lines).toContain('4 Billing Lane');
    expect(JSON.stringify(inv)).not.toMatch(/cost/i);
    expect(inv.pendingAudit ?? []).toHaveLength(0);
  });

  it('is issued once however often the follow-up runs again (the recovery path)', async () => {
    const id = await inProgressOrder();
    await http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor);
    const first = (await invoiceOf(id))!;
    const counter = await InvoiceCounter.collection.findOne({ _id: counterKey('invoice', cash, year) as never });
    await Promise.all([recoverUnfinishedChanges(), issueInvoiceForOrder(new Types.ObjectId(id)), issueInvoiceForOrder(new Types.ObjectId(id))]);
    expect(await Invoice.collection.countDocuments({ orderId: new Types.ObjectId(id) })).toBe(1);
    expect((await invoiceOf(id))!.number).toBe(first.number);
    expect((await InvoiceCounter.collection.findOne({ _id: counterKey('invoice', cash, year) as never }))!.seq).toBe(counter!.seq);
  });

  it('a crash between executing the order and issuing: the start-up recovery issues it', async () => {
    const id = await inProgressOrder();
    await http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor);
    const issued = (await invoiceOf(id))!;
    // As if the process died right after the execution's write: no invoice yet, the event still waiting.
    await Invoice.collection.deleteOne({ _id: issued._id });
    await InvoiceCounter.collection.updateOne({ _id: counterKey('invoice', cash, year) as never }, { $inc: { seq: -1 } });
    await Order.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { invoiceDue: true, pendingAudit: [{ _id: new Types.ObjectId(), distributorId: demoId('distributor:northwind'), resellerId: cash, customerId: customer, at: new Date(), actor: { userId: null, role: 'system', name: 'test', email: null }, action: 'order.executed', target: { type: 'order', id: new Types.ObjectId(id), label: 'x' }, customerName: 'x', changes: null, ip: null, userAgent: null, requestId: null }] } });
    await recoverUnfinishedChanges();
    const again = (await invoiceOf(id))!;
    expect(again.number).toBe(issued.number);
  });

  it('a number drawn but not written (a crash in between) is written by the next issue: no gap', async () => {
    const id = await inProgressOrder();
    const key = counterKey('invoice', cash, year);
    const before = (await InvoiceCounter.collection.findOne({ _id: key as never }))!;
    // An unnumbered invoice that drew the next number and died before writing it.
    const stranded = new Types.ObjectId();
    const template = (await Invoice.collection.findOne({ resellerId: cash, kind: 'invoice' }))!;
    await Invoice.collection.insertOne({ ...template, _id: stranded, number: null, seq: null, announced: false, orderId: null });
    await InvoiceCounter.collection.updateOne({ _id: key as never }, { $set: { seq: before.seq + 1, pending: stranded } });
    await http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor);
    expect(seqOf((await Invoice.collection.findOne({ _id: stranded }))!.number)).toBe(before.seq + 1);
    expect(seqOf((await invoiceOf(id))!.number)).toBe(before.seq + 2);
  });

  it('50 orders executed at once draw 50 distinct consecutive numbers', async () => {
    // One order placed, 49 copies of it stored beside it (the race is in executing, not placing).
    const first = await inProgressOrder();
    const { pendingAudit: _a, pendingFigures: _f, pendingDeliveries: _d, ...template } = (await Order.collection.findOne({ _id: new Types.ObjectId(first) }))!;
    const copies = Array.from({ length: 49 }, (_, i) => ({ ...template, _id: new Types.ObjectId(), number: `${template.number}-R${i}` }));
    await Order.collection.insertMany(copies);
    const ids = [first, ...copies.map((c) => c._id.toHexString())];
    const before = ((await InvoiceCounter.collection.findOne({ _id: counterKey('invoice', cash, year) as never }))?.seq as number | undefined) ?? 0;
    const answers = await Promise.all(ids.map((id) => http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor)));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
    const numbers = await Promise.all(ids.map(async (id) => seqOf((await invoiceOf(id))!.number)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => before + 1 + i));
  }, 300_000);
});
