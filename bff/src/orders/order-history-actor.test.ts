import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { Product } from '../products/product.model.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { Order } from './order.model.js';

/*
 * The storefront buys from its reseller: the order history it reads names its own company's people
 * and, for every step taken by staff (the reseller's or the distributor's), the reseller. Decided by
 * the BFF's presenter, so no screen can leak a staff name.
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const blueHarbor = demoId('customer:cash:0');
const who = { bob: 'bob.buyer@demo.example', approver: 'approver@demo.example', admin: 'buyer@demo.example', cash: 'reseller.cash@demo.example', distributor: 'distributor@demo.example' } as const;
const cookies = {} as Record<keyof typeof who, string>;
const nameOf = async (email: string) => {
  const u = (await User.collection.findOne({ email }))!;
  return `${u.firstName} ${u.lastName}`;
};

beforeAll(async () => {
  for (const k of Object.keys(who) as (keyof typeof who)[]) cookies[k] = await signIn(app, who[k]);
});

describe('who the buyer reads as having acted on its order', () => {
  it('its company’s users by name; the reseller’s staff and the distributor’s as the reseller; staff still see their people', async () => {
    const manual = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'manual', billing: 'one_time', active: true }))
      ?? (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'manual', active: true }));
    const placed = await http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(manual!._id), quantity: 1 }] }, cookies.bob);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const id = placed.body.id as string;
    expect(placed.body.status).toBe('pending_company_approval');
    for (const [step, by] of [['accept', 'approver'], ['accept', 'cash'], ['mark-executed', 'distributor']] as const) {
      const res = await http.post(`/api/orders/${id}/${step}`, { note: 'ok' }, cookies[by]);
      expect(res.status, `${by} ${step}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const stored = (await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!;
    expect(stored.history.map((h: { byRole: string }) => h.byRole)).toEqual(['storefront', 'storefront', 'reseller', 'distributor']);

    const [bob, approver, staff, distributorStaff] = await Promise.all([nameOf(who.bob), nameOf(who.approver), nameOf(who.cash), nameOf(who.distributor)]);
    const reseller = stored.resellerName as string;
    expect(new Set([bob, approver, staff, distributorStaff, reseller]).size).toBe(5);

    const asBuyer = await http.get(`/api/orders/${id}`, cookies.admin);
    expect(asBuyer.status).toBe(200);
    expect(asBuyer.body.history.map((h: { byName: string }) => h.byName)).toEqual([bob, approver, reseller, reseller]);
    // Nowhere in the answer, not only not in the history.
    expect(JSON.stringify(asBuyer.body)).not.toContain(staff);
    expect(JSON.stringify(asBuyer.body)).not.toContain(distributorStaff);

    const asStaff = await http.get(`/api/orders/${id}`, cookies.cash);
    expect(asStaff.body.history.map((h: { byName: string }) => h.byName)).toEqual([bob, approver, staff, distributorStaff]);
  });

  it('entries from before the actor’s side was kept read as the reseller, except the customer’s own placement', async () => {
    const legacy = await Order.collection.findOne({ customerId: blueHarbor, 'placedBy.kind': 'customer', 'history.1': { $exists: true } });
    expect(legacy).toBeTruthy();
    await Order.collection.updateOne({ _id: legacy!._id }, { $unset: { 'history.$[].byRole': '' } });
    const res = await http.get(`/api/orders/${String(legacy!._id)}`, cookies.admin);
    expect(res.status).toBe(200);
    const names = res.body.history.map((h: { byName: string }) => h.byName);
    expect(names[0]).toBe(legacy!.history[0].byName);
    expect(names.slice(1).every((n: string) => n === legacy!.resellerName)).toBe(true);
  });
});
