import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { figuresOf } from '../figures/kept-figures.js';
import { Order } from '../orders/order.model.js';
import { recountFigures } from '../overview/figure-reconciliation.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { systemScope } from '../tenancy/scope.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { ImmutableInvoiceError } from './invoice-immutability.js';
import { Invoice } from './invoice.model.js';
import { invoiceIdFor } from './issue-invoice.js';
import { Payment } from './payment.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const northwind = demoId('distributor:northwind');
const customer = demoId('customer:cash:11');
const cookies = {} as Record<DemoAccount, string>;
let manual: { _id: Types.ObjectId };

beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  manual = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'manual', active: true })) as never;
  await Customer.collection.updateOne({ _id: customer }, { $set: { creditTerms: { paymentTerms: 'net_15', creditLimitCents: null, vatRateBp: 2000 } } });
});

/** An executed order's invoice with lines of 10.00 × 1, 20.00 × 2, 5.00 × 3 at 20 % VAT: net 65.00 + VAT 13.00 = 78.00. */
async function issuedInvoice(of = customer): Promise<{ id: string; number: string }> {
  const res = await http.post('/api/orders', { customerId: String(of), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(manual._id), quantity: 1 }] }, cookies.cash);
  expect(res.status).toBe(201);
  const id = new Types.ObjectId(res.body.id as string);
  const line = (await Order.collection.findOne({ _id: id }))!.lines[0];
  const lines = [1000, 2000, 500].map((unitPriceCents, i) => ({ ...line, billing: 'one_time', quantity: i + 1, unitPriceCents }));
  await Order.collection.updateOne({ _id: id }, { $set: { status: 'in_progress', lines } });
  expect((await http.post(`/api/orders/${id.toHexString()}/mark-executed`, {}, cookies.distributor)).status).toBe(200);
  const inv = (await Invoice.collection.findOne({ _id: invoiceIdFor(id) }))!;
  if (of.equals(customer)) expect(inv.totalCents).toBe(7800);
  return { id: inv._id.toHexString(), number: inv.number as string };
}

const invoice = async (id: string) => (await http.get(`/api/invoices/${id}`, cookies.cash)).body;
const pay = (amountCents: number, ...invoiceIds: string[]) =>
  http.post('/api/payments', { customerId: String(customer), receivedOn: '2026-12-01', reference: `BANK-${randomUUID().slice(0, 8)}`, allocations: invoiceIds.map((invoiceId) => ({ invoiceId, amountCents })) }, cookies.cash);

async function balanceMatchesRecount() {
  const kept = figuresOf(await Customer.collection.findOne({ _id: customer })).balanceCents;
  const counted = (await recountFigures(systemScope({ distributorId: northwind }))).get(customer.toHexString())?.balanceCents ?? 0;
  expect(kept).toBe(counted);
  return kept;
}

describe('an issued invoice is immutable', () => {
  it('refuses any change to what it says, at the model, and has no route that edits it', async () => {
    const { id } = await issuedInvoice();
    const _id = new Types.ObjectId(id);
    for (const update of [{ $set: { totalCents: 1 } }, { $set: { 'lines.0.name': 'changed' } }, { $set: { dueAt: new Date() } }, { $push: { lines: {} } }]) {
      await expect(Invoice.updateOne({ _id }, update as never).setOptions({})).rejects.toBeInstanceOf(ImmutableInvoiceError);
    }
    expect((await http.put(`/api/invoices/${id}`, { totalCents: 1 }, cookies.cash)).status).toBe(404);
    expect((await Invoice.collection.findOne({ _id }))!.totalCents).toBe(7800);
  });
});

describe('credit notes', () => {
  it('reverse named lines with their own number; a line is credited once; the rest can be credited after', async () => {
    const { id, number } = await issuedInvoice();
    const first = await http.post(`/api/invoices/${id}/credit-notes`, { lines: [1], reason: 'Returned' }, cookies.cash);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'credit_note', invoiceNumber: number, totalCents: 4800, status: null });
    expect(first.body.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(first.body.lines).toEqual([expect.objectContaining({ invoiceLine: 1, netCents: 4000, vatCents: 800 })]);
    const again = await http.post(`/api/invoices/${id}/credit-notes`, { lines: [1], reason: 'Twice' }, cookies.cash);
    expect(again.status).toBe(409);
    expect((await http.post(`/api/invoices/${id}/credit-notes`, { lines: [7], reason: 'No such' }, cookies.cash)).status).toBe(400);
    const rest = await http.post(`/api/invoices/${id}/credit-notes`, { lines: null, reason: 'Order canceled' }, cookies.cash);
    expect(rest.status).toBe(201);
    expect(rest.body.lines.map((l: { invoiceLine: number }) => l.invoiceLine)).toEqual([0, 2]);
    const after = await invoice(id);
    expect(after).toMatchObject({ creditedCents: 7800, balanceCents: 0, status: 'credited', totalCents: 7800 });
    expect(after.abilities.credit).toBe(false);
    expect(await AuditEvent.collection.countDocuments({ action: 'credit_note.issued', customerId: customer })).toBeGreaterThanOrEqual(2);
    await balanceMatchesRecount();
  });

  it('of 50 racing credit notes for the same line, exactly one lands and no number is skipped', async () => {
    const { id } = await issuedInvoice();
    const answers = await Promise.all(Array.from({ length: 50 }, () => http.post(`/api/invoices/${id}/credit-notes`, { lines: [0], reason: 'Race' }, cookies.cash)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await Invoice.collection.countDocuments({ invoiceId: new Types.ObjectId(id) })).toBe(1);
    const numbers = (await Invoice.collection.find({ kind: 'credit_note', resellerId: demoId('reseller:cash') }).toArray()).map((c) => Number(String(c.number).split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('is the reseller’s: 403 for the distributor and the storefront, 404 for another reseller', async () => {
    const { id } = await issuedInvoice();
    const body = { lines: null, reason: 'x' };
    expect((await http.post(`/api/invoices/${id}/credit-notes`, body, cookies.distributor)).status).toBe(403);
    expect((await http.post(`/api/invoices/${id}/credit-notes`, body, cookies.buyer)).status).toBe(403);
    expect((await http.post(`/api/invoices/${id}/credit-notes`, body, cookies.card)).status).toBe(404);
  });
});

describe('payments', () => {
  it('against two invoices: each part taken, statuses move, balance = issued − credited − paid and matches a recount', async () => {
    const a = await issuedInvoice();
    const b = await issuedInvoice();
    const before = await balanceMatchesRecount();
    const res = await http.post(
      '/api/payments',
      { customerId: String(customer), receivedOn: '2026-12-01', reference: 'BANK-1', allocations: [{ invoiceId: a.id, amountCents: 7800 }, { invoiceId: b.id, amountCents: 800 }] },
      cookies.cash,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.amountCents).toBe(8600);
    expect(await invoice(a.id)).toMatchObject({ status: 'paid', balanceCents: 0, paidCents: 7800 });
    expect(await invoice(b.id)).toMatchObject({ status: 'partly_paid', balanceCents: 7000, paidCents: 800 });
    expect(await balanceMatchesRecount()).toBe(before - 8600);
    const balance = await http.get(`/api/customers/${customer.toHexString()}/balance`, cookies.cash);
    expect(balance.body.balanceCents).toBe(before - 8600);
    expect(await AuditEvent.collection.countDocuments({ action: 'payment.recorded', 'target.label': 'BANK-1' })).toBe(1);
  });

  it('more than is open is 409 and nothing of the payment stays, on any of its invoices', async () => {
    const a = await issuedInvoice();
    const b = await issuedInvoice();
    const before = await balanceMatchesRecount();
    const payments = await Payment.collection.countDocuments({});
    const res = await http.post(
      '/api/payments',
      { customerId: String(customer), receivedOn: '2026-12-01', reference: 'TOO-MUCH', allocations: [{ invoiceId: a.id, amountCents: 100 }, { invoiceId: b.id, amountCents: 7801 }] },
      cookies.cash,
    );
    expect(res.status).toBe(409);
    expect((await invoice(a.id)).paidCents).toBe(0);
    expect(await Payment.collection.countDocuments({})).toBe(payments);
    expect(await balanceMatchesRecount()).toBe(before);
    expect((await pay(0, a.id)).status).toBe(400);
  });

  it('50 racing payments of 25.00 on an invoice of 78.00: three land, the rest are 409, the sums agree', async () => {
    const { id } = await issuedInvoice();
    const before = await balanceMatchesRecount();
    const answers = await Promise.all(Array.from({ length: 50 }, () => pay(2500, id)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(47);
    const after = (await Invoice.collection.findOne({ _id: new Types.ObjectId(id) }))!;
    expect({ paid: after.paidCents, open: after.openCents, payments: after.paymentIds.length }).toEqual({ paid: 7500, open: 300, payments: 3 });
    expect(await Payment.collection.countDocuments({ 'allocations.invoiceId': new Types.ObjectId(id) })).toBe(3);
    expect(await balanceMatchesRecount()).toBe(before - 7500);
  });

  it('is the reseller’s: 403 for the distributor and the storefront, another reseller’s customer is 404', async () => {
    const { id } = await issuedInvoice();
    const body = { customerId: String(customer), receivedOn: '2026-12-01', reference: 'X', allocations: [{ invoiceId: id, amountCents: 1 }] };
    expect((await http.post('/api/payments', body, cookies.distributor)).status).toBe(403);
    expect((await http.post('/api/payments', body, cookies.buyer)).status).toBe(403);
    expect((await http.post('/api/payments', body, cookies.card)).status).toBe(404);
  });
});

describe('reading invoices', () => {
  it('the storefront sees its own company’s (admin and accounts), never a cost; others see none of them', async () => {
    const buyerCompany = demoId('customer:cash:0');
    const { id } = await issuedInvoice(buyerCompany);
    const mine = await http.get('/api/invoices?limit=200', cookies.buyer);
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((i: { customerId: string }) => i.customerId === buyerCompany.toHexString())).toBe(true);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(JSON.stringify(mine.body)).not.toMatch(/cost/i);
    expect((await http.get(`/api/invoices/${id}`, cookies.buyer)).body.abilities).toEqual({ credit: false, recordPayment: false });
    const other = await issuedInvoice();
    expect((await http.get(`/api/invoices/${other.id}`, cookies.buyer)).status).toBe(404);
    expect((await http.get(`/api/invoices/${id}`, cookies.card)).status).toBe(404);
  });

  it('filters by status and customer for staff', async () => {
    const { id } = await issuedInvoice();
    const open = await http.get(`/api/invoices?customerId=${customer.toHexString()}&status=open&limit=200`, cookies.cash);
    expect(open.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(open.body.items.every((i: { status: string }) => i.status === 'open')).toBe(true);
    const paid = await http.get(`/api/invoices?customerId=${customer.toHexString()}&status=paid&limit=200`, cookies.cash);
    expect(paid.body.items.every((i: { status: string }) => i.status === 'paid')).toBe(true);
  });
});
