import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { keptCustomerTotal } from '../customers/customer-totals.js';
import { demoId } from '../seed/demo-ids.js';
import { systemScope, type Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Order } from './order.model.js';
import { keptOrderTotal } from './order-totals.js';

/*
 * A grid's first page carries its view's total. For the views the kept figures hold (a tenant's
 * orders by status, its customers, active or not) the total is read from them, not counted: these
 * pin each of those answers to a count of the same view, and the other views to a count.
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const northwind = demoId('distributor:northwind');
const cash = demoId('reseller:cash');
const card = demoId('reseller:card');

const scopes: [string, Scope][] = [
  ['distributor', systemScope({ distributorId: northwind })],
  ['cash reseller', systemScope({ distributorId: northwind, resellerId: cash })],
  ['a customer', systemScope({ distributorId: northwind, resellerId: cash, customerId: demoId('customer:cash:1') })],
];

describe('grid totals from kept figures', () => {
  it('equal a count of the orders view, for every view they answer', async () => {
    const someCustomer = (await Customer.collection.findOne({ resellerId: card }))!._id;
    let answered = 0;
    for (const [, scope] of scopes) {
      const views: Record<string, unknown>[] = [{}, ...ORDER_STATUSES.map((status) => ({ status }))];
      for (const v of [...views]) views.push({ ...v, customerId: someCustomer }, { ...v, customerId: demoId('customer:cash:2') }, { ...v, resellerId: cash }, { ...v, resellerId: card });
      for (const view of views) {
        const kept = await keptOrderTotal(view, scope);
        const counted = await scoped(Order.countDocuments(view), scope);
        if (kept !== null) answered++;
        expect({ view, scope: String(scope.resellerId ?? scope.distributorId), total: kept ?? counted }).toEqual({ view, scope: String(scope.resellerId ?? scope.distributorId), total: counted });
      }
    }
    expect(answered).toBeGreaterThan(40);
    // A view the figures do not hold is counted.
    expect(await keptOrderTotal({ 'placedBy.kind': 'storefront' }, scopes[1]![1])).toBeNull();
  });

  it('equal a count of the customers view, for every view they answer', async () => {
    let answered = 0;
    for (const [, scope] of scopes.slice(0, 2)) {
      for (const view of [{}, { active: true }, { active: false }, { resellerId: cash }, { resellerId: card, active: false }, { resellerId: new Types.ObjectId() }]) {
        const kept = await keptCustomerTotal(view, scope);
        if (kept !== null) answered++;
        expect(kept ?? 'counted').toBe(kept === null ? 'counted' : await scoped(Customer.countDocuments(view), scope));
      }
    }
    expect(answered).toBeGreaterThan(6);
    expect(await keptCustomerTotal({ storefrontAccess: true }, scopes[1]![1])).toBeNull();
  });

  it('are what the grids’ first pages say, and move with a placed order', async () => {
    const cookie = await signIn(app, 'cash');
    const first = await http.get('/api/orders?limit=5&total=1&status=pending_approval', cookie);
    expect(first.body.total).toBe(await Order.collection.countDocuments({ resellerId: cash, status: 'pending_approval' }));
    const customer = (await Customer.collection.findOne({ resellerId: cash, active: true }))!;
    const product = (await Order.collection.findOne({ resellerId: cash }))!.lines[0].productId;
    const placed = await http.post('/api/orders', { customerId: String(customer._id), idempotencyKey: 'a'.repeat(32), lines: [{ productId: String(product), quantity: 1 }] }, cookie);
    expect(placed.status).toBe(201);
    const all = await http.get('/api/orders?limit=5&total=1', cookie);
    expect(all.body.total).toBe(await Order.collection.countDocuments({ resellerId: cash }));
    const customers = await http.get('/api/customers?limit=5&total=1&active=yes', cookie);
    expect(customers.body.total).toBe(await Customer.collection.countDocuments({ resellerId: cash, active: true }));
  });
});
