import { describe, expect, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

describe('GET /api/overview', () => {
  it('is 401 without a session', async () => {
    expect((await http.get('/api/overview')).status).toBe(401);
  });

  it('counts only the reseller’s own customers and orders', async () => {
    const res = await http.get('/api/overview', await signIn(app, 'cash'));
    const resellerId = demoId('reseller:cash');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      resellers: null,
      suspendedResellers: null,
      customers: await Customer.collection.countDocuments({ resellerId }),
      activeCustomers: await Customer.collection.countDocuments({ resellerId, active: true }),
      monthlyRunRate: (await Customer.collection.find({ resellerId }).toArray()).reduce((s, c) => s + (c.monthlyRunRateCents as number), 0) / 100,
      currency: 'EUR',
      ordersPendingApproval: await Order.collection.countDocuments({ resellerId, status: 'pending_approval' }),
      ordersPendingCompanyApproval: await Order.collection.countDocuments({ resellerId, status: 'pending_company_approval' }),
      ordersInProgress: await Order.collection.countDocuments({ resellerId, status: 'in_progress' }),
      ordersTotal: await Order.collection.countDocuments({ resellerId }),
    });
  });

  it('counts the whole subtree for a distributor and nothing of the other distributor', async () => {
    const [mine, theirs] = await Promise.all([
      http.get('/api/overview', await signIn(app, 'distributor')),
      http.get('/api/overview', await signIn(app, 'otherDistributor')),
    ]);
    const northwind = demoId('distributor:northwind');
    const contoso = demoId('distributor:contoso');
    expect(mine.body.resellers).toBe(3);
    expect(mine.body.suspendedResellers).toBe(0);
    const runRateCents = (await Customer.collection.find({ distributorId: northwind }).toArray()).reduce((s, c) => s + (c.monthlyRunRateCents as number), 0);
    expect(mine.body.monthlyRunRate).toBeCloseTo(runRateCents / 100, 2);
    expect(mine.body.customers).toBe(await Customer.collection.countDocuments({ distributorId: northwind }));
    expect(theirs.body.resellers).toBe(1);
    expect(theirs.body.ordersTotal).toBe(await Order.collection.countDocuments({ distributorId: contoso }));
  });

  it('shows a storefront user only their own company’s orders', async () => {
    const res = await http.get('/api/overview', await signIn(app, 'buyer'));
    expect(res.body.customers).toBeNull();
    expect(res.body.ordersTotal).toBe(await Order.collection.countDocuments({ customerId: demoId('customer:cash:0') }));
  });
});
