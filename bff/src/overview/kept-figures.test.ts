import { Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Distributor } from '../distributors/distributor.model.js';
import { settleFiguresOf } from '../figures/figure-sources.js';
import { figuresOf } from '../figures/kept-figures.js';
import { Order } from '../orders/order.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { expectFiguresEqualRecount } from '../test/figures-check.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { reconcileFigures } from './figure-reconciliation.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const northwind = demoId('distributor:northwind');
const cash = demoId('reseller:cash');

afterEach(() => vi.restoreAllMocks());

const keptOf = async (model: typeof Customer | typeof Reseller | typeof Distributor, id: Types.ObjectId) =>
  figuresOf(await (model.collection as typeof Customer.collection).findOne({ _id: id }));

describe('kept figures', () => {
  it('arrive with the demo data counted (in memory, from the writes’ own deltas): a recount repairs nothing', async () => {
    // The first test of the file: the database is as loadDemoData left it.
    for (const distributorId of [northwind, demoId('distributor:contoso')]) await expectFiguresEqualRecount(distributorId);
    expect(await reconcileFigures()).toMatchObject({ repaired: 0, busy: 0 });
    expect((await keptOf(Reseller, cash)).customers).toBeGreaterThan(0);
  });

  it('follow each change: a placed order, a decision, a new customer, a deactivation', async () => {
    const reseller = await signIn(app, 'cash');
    const before = await keptOf(Reseller, cash);
    const customer = await Customer.collection.findOne({ resellerId: cash, active: true });
    const product = await Order.collection.findOne({ resellerId: cash });
    const placed = await http.post('/api/orders', { customerId: String(customer!._id), idempotencyKey: 'kept-figures-test-1', lines: [{ productId: String(product!.lines[0].productId), quantity: 1 }] }, reseller);
    expect(placed.status).toBe(201);
    const created = await http.post(
      '/api/customers',
      { companyName: 'Figures Ltd', email: 'figures@example.com', phone: '+30 210 000 0000', address: '1 Street', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10551' },
      reseller,
    );
    expect(created.status).toBe(201);
    const off = await http.put(`/api/customers/${String(customer!._id)}/active`, { active: false, revision: customer!.revision }, reseller);
    expect(off.status).toBe(200);

    const after = await keptOf(Reseller, cash);
    expect(after.customers).toBe(before.customers + 1);
    expect(after.activeCustomers).toBe(before.activeCustomers); // one more, one fewer
    expect(after.version).toBeGreaterThan(before.version);
    await expectFiguresEqualRecount(northwind);
  });

  it('add a waiting delta once per target, whatever number of followers settle it at once (50 per order)', async () => {
    // A customer of the cash reseller with at least two orders.
    const customerIds = (await Order.collection.find({ resellerId: cash }, { projection: { customerId: 1 } }).toArray()).map((o) => String(o.customerId));
    const withTwo = customerIds.find((id, i) => customerIds.indexOf(id) !== i)!;
    const customer = await Customer.collection.findOne({ _id: new Types.ObjectId(withTwo) });
    const orders = await Order.collection.find({ customerId: customer!._id }).limit(2).toArray();
    expect(orders.length).toBeGreaterThan(1);
    const targets = [
      [Customer, customer!._id],
      [Reseller, cash],
      [Distributor, northwind],
    ] as const;
    const before = await Promise.all(targets.map(([m, id]) => keptOf(m, id)));
    // Several deltas each on several orders, as if their follow-ups had not run yet.
    for (const o of orders) {
      for (let i = 0; i < 4; i++) {
        await Order.collection.updateOne({ _id: o._id }, { $push: { pendingFigures: { id: new Types.ObjectId(), inc: { canceled: 1 } } } as never });
      }
    }
    await Promise.all(orders.flatMap((o) => Array.from({ length: 50 }, () => settleFiguresOf(Order, o._id))));
    const after = await Promise.all(targets.map(([m, id]) => keptOf(m, id)));
    for (const [i, b] of before.entries()) expect(after[i]!.canceled - b.canceled).toBe(orders.length * 4);
    expect(await Order.collection.countDocuments({ customerId: customer!._id, 'pendingFigures.0': { $exists: true } })).toBe(0);
    // The tags of finished deltas do not pile up on a target: the next delta, uncontended, prunes them.
    await Order.collection.updateOne({ _id: orders[0]!._id }, { $push: { pendingFigures: { id: new Types.ObjectId(), inc: { canceled: 1 } } } as never });
    await settleFiguresOf(Order, orders[0]!._id);
    const reseller = await Reseller.collection.findOne({ _id: cash });
    expect((reseller!.figuresApplied ?? []).length).toBeLessThan(16);
    // The figures are off the recount by what was added by hand; a reconciliation puts that right.
    await reconcileFigures({ distributorId: northwind });
    await expectFiguresEqualRecount(northwind);
  });

  it('a follow-up failing half-way leaves the delta waiting; recovery adds the rest, once', async () => {
    const reseller = await signIn(app, 'cash');
    const order = await Order.collection.findOne({ resellerId: cash, status: 'pending_approval' });
    const customerBefore = await keptOf(Customer, order!.customerId);
    const resellerBefore = await keptOf(Reseller, cash);
    // The decision lands, its customer's count moves, and the write to the reseller's figures fails.
    vi.spyOn(Reseller, 'updateOne').mockImplementationOnce(() => {
      throw new Error('database went away');
    });
    expect((await http.post(`/api/orders/${String(order!._id)}/cancel`, {}, reseller)).status).toBe(500);
    expect((await keptOf(Customer, order!.customerId)).canceled).toBe(customerBefore.canceled + 1);
    expect((await keptOf(Reseller, cash)).canceled).toBe(resellerBefore.canceled);
    vi.restoreAllMocks();

    await recoverUnfinishedChanges();
    expect((await keptOf(Customer, order!.customerId)).canceled).toBe(customerBefore.canceled + 1);
    expect((await keptOf(Reseller, cash)).canceled).toBe(resellerBefore.canceled + 1);
    await expectFiguresEqualRecount(northwind);
  });

  it('are repaired by the reconciliation where they went wrong, and left alone where right', async () => {
    await reconcileFigures();
    await Reseller.collection.updateOne({ _id: cash }, { $inc: { 'keptFigures.customers': 7, 'keptFigures.runRateCents': -100 } });
    const report = await reconcileFigures();
    expect(report).toMatchObject({ repaired: 1, busy: 0 });
    expect(report.checked).toBeGreaterThan(300);
    await expectFiguresEqualRecount(northwind);
    expect(await reconcileFigures()).toMatchObject({ repaired: 0, busy: 0 });
  });
});

describe('GET /api/overview, polled', () => {
  it('answers 304 without a body for the ETag it gave, and a new ETag once a figure moved', async () => {
    const reseller = await signIn(app, 'cash');
    const first = await http.get('/api/overview', reseller);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await http.get('/api/overview', reseller).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Another persona's answer differs, so does its tag: the tag is never taken for another body.
    const distributor = await http.get('/api/overview', await signIn(app, 'distributor')).set('If-None-Match', etag);
    expect(distributor.status).toBe(200);

    const order = await Order.collection.findOne({ resellerId: cash, status: 'pending_approval' });
    expect((await http.post(`/api/orders/${String(order!._id)}/accept`, {}, reseller)).status).toBe(200);
    const changed = await http.get('/api/overview', reseller).set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body.ordersPendingApproval).toBe(first.body.ordersPendingApproval - 1);
    expect(changed.headers.etag).not.toBe(etag);
  });
});
