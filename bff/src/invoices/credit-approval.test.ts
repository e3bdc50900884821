import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { creditReason } from '../policies/order-approval.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Invoice } from './invoice.model.js';

describe('the credit rule', () => {
  const standing = { balanceCents: 50_000, limitCents: 100_000, overdueDays: 0, overdueAfterDays: 30 };
  it.each([
    ['within the limit, nothing overdue', standing, 50_000, null],
    ['exactly at the limit', standing, 50_000, null],
    ['one cent over the limit', standing, 50_001, 'credit_limit'],
    ['no limit', { ...standing, limitCents: null }, 10_000_000, null],
    ['overdue by 30 days (not more)', { ...standing, overdueDays: 30 }, 1, null],
    ['overdue by 31 days', { ...standing, overdueDays: 31 }, 1, 'overdue'],
    ['over the limit and overdue: the limit is said', { ...standing, overdueDays: 90 }, 60_000, 'credit_limit'],
  ] as const)('%s', (_, s, total, code) => {
    expect(creditReason(s, total)?.code ?? null).toBe(code);
  });
});

describe('credit decides approval when a buyer orders', () => {
  useTestDatabase();
  const app = buildTestApp();
  const http = api(app);
  const company = demoId('customer:cash:0');
  let buyer: string;
  let product: { _id: Types.ObjectId };
  beforeAll(async () => {
    buyer = await signIn(app, 'buyer');
    product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), active: true, billing: 'one_time' })) as never;
    // Approval by the customer's own rule off, so only credit can make its orders wait.
    await Customer.collection.updateOne({ _id: company }, { $set: { orderApprovalRequired: false, approvalRule: { mode: 'never', aboveCents: null } } });
  });
  const place = () => http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }, buyer);

  it('an order within good standing does not wait for the reseller', async () => {
    const res = await place();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.approval?.reseller ?? null).toBeNull();
  });

  it('an order that takes the customer over its credit limit waits, and the card says why', async () => {
    await Customer.collection.updateOne({ _id: company }, { $set: { creditTerms: { paymentTerms: 'net_30', creditLimitCents: 1, vatRateBp: 0 } } });
    const res = await place();
    expect(res.body.status).toBe('pending_approval');
    expect(res.body.approval.reseller).toMatchObject({ code: 'credit_limit', threshold: 0.01 });
    expect(res.body.approval.reseller.text).toMatch(/credit limit/);
    await Customer.collection.updateOne({ _id: company }, { $set: { 'creditTerms.creditLimitCents': null } });
  });

  it('an invoice overdue by more than the reseller’s days holds the order', async () => {
    const template = (await Invoice.collection.findOne({ kind: 'invoice', resellerId: demoId('reseller:cash') }))!;
    await Invoice.collection.insertOne({ ...template, _id: new Types.ObjectId(), customerId: company, openCents: 500, paidCents: 0, dueAt: new Date(Date.now() - 45 * 86_400_000) });
    const res = await place();
    expect(res.body.status).toBe('pending_approval');
    expect(res.body.approval.reseller).toMatchObject({ code: 'overdue', amount: 45, threshold: 30 });
  });
});
