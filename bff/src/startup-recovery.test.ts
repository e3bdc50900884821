import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditEvent } from './audit/audit-event.model.js';
import { Customer } from './customers/customer.model.js';
import { demoId } from './seed/demo-ids.js';
import { whenDeliveriesSettled } from './deliveries/courier.js';
import { Delivery } from './deliveries/delivery.model.js';
import { OutboxMessage } from './mail/outbox.model.js';
import { Order } from './orders/order.model.js';
import { Product } from './products/product.model.js';
import { recoverUnfinishedChanges } from './startup-recovery.js';
import { api, buildTestApp, signIn, useTestDatabase } from './test/harness.js';
import { User } from './users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

afterEach(() => vi.restoreAllMocks());

describe('start-up recovery', () => {
  it('finishes a user change whose follow-up failed: the customer’s access mark and the audit event', async () => {
    const cash = await signIn(app, 'cash');
    // A cash customer's only active storefront user (Blue Harbor, the buyer's company, has a team).
    let buyer = null;
    for (const u of await User.collection.find({ resellerId: demoId('reseller:cash'), role: 'storefront', state: 'active' }).toArray()) {
      if ((await User.collection.countDocuments({ customerId: u.customerId, role: 'storefront', state: 'active' })) === 1) {
        buyer = u;
        break;
      }
    }
    expect(buyer).not.toBeNull();
    const customerId = buyer!.customerId;
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(true);

    // The state change lands; the write that follows it (the customer's access mark) fails.
    vi.spyOn(Customer, 'updateOne').mockImplementationOnce(() => {
      throw new Error('database went away');
    });
    const res = await http.post(`/api/storefront-users/${buyer!._id}/deactivate`, {}, cash);
    expect(res.status).toBe(500);
    expect((await User.collection.findOne({ _id: buyer!._id }))!.state).toBe('deactivated');
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(true);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': buyer!._id, action: 'storefront_user.deactivated' })).toBe(0);
    vi.restoreAllMocks();

    expect((await recoverUnfinishedChanges()).auditEvents).toBe(1);
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(false);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': buyer!._id, action: 'storefront_user.deactivated' })).toBe(1);
    expect((await recoverUnfinishedChanges()).auditEvents).toBe(0);
  });

  it('queues an order email left in the order’s outbox when the queue insert failed, and it is delivered once', async () => {
    const buyer = await signIn(app, 'buyer');
    const product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'automatic', active: true }))!;
    // The order is stored with its email; the insert into the queue that follows fails (a crash there).
    vi.spyOn(Delivery.prototype, 'save').mockImplementationOnce(() => Promise.reject(new Error('database went away')));
    const placed = await http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }, buyer);
    expect(placed.status).toBe(201);
    vi.restoreAllMocks();
    const order = (await Order.collection.findOne({ _id: new Types.ObjectId(placed.body.id as string) }))!;
    // Its emails (the reseller's "waiting", the buyer's "received") all still wait in the order's outbox.
    const waiting = (order.pendingDeliveries as { _id: Types.ObjectId }[]).map((m) => m._id);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    expect(await Delivery.collection.countDocuments({ _id: { $in: waiting } })).toBe(0);

    expect((await recoverUnfinishedChanges()).messages).toBe(waiting.length);
    expect((await Order.collection.findOne({ _id: order._id }))!.pendingDeliveries).toEqual([]);
    await whenDeliveriesSettled();
    for (const id of waiting) {
      expect(await Delivery.collection.findOne({ _id: id })).toMatchObject({ state: 'sent', attempts: 1 });
      expect(await OutboxMessage.countDocuments({ _id: id })).toBe(1);
    }
    expect((await recoverUnfinishedChanges()).messages).toBe(0);
  });
});
