import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE, type OrderStatus } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { Order } from './order.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const buyerCompany = demoId('customer:cash:0');
const cookies = {} as Record<DemoAccount, string>;
let product: { _id: Types.ObjectId };

let server: Server;
let base: string;
beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'otherDistributor'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), active: true })) as never;
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A fresh order of the buyer's company, put in `status`. */
async function orderIn(status: OrderStatus): Promise<string> {
  const res = await http.post('/api/orders', { customerId: String(buyerCompany), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }, cookies.cash);
  expect(res.status).toBe(201);
  await Order.collection.updateOne({ _id: new Types.ObjectId(res.body.id as string) }, { $set: { status } });
  return res.body.id as string;
}
const track = (id: string, body: object, who: DemoAccount = 'cash') => http.post(`/api/orders/${id}/tracking`, body, cookies[who]);

describe('tracking numbers on an order', () => {
  it('staff add them to an order in progress or executed; the buyer sees them with the carrier’s link', async () => {
    const id = await orderIn('in_progress');
    const res = await track(id, { carrier: 'ups', number: ' 1Z 999AA1 0123456784 ' });
    expect(res.status).toBe(200);
    expect(res.body.tracking).toEqual([
      { carrier: 'ups', carrierName: 'UPS', number: '1Z 999AA1 0123456784', url: 'https://www.ups.com/track?tracknum=1Z%20999AA1%200123456784', addedAt: expect.any(String) },
    ]);
    expect((await track(id, { carrier: 'other', number: 'LOCAL-77123' }, 'distributor')).status).toBe(200);
    const seen = await http.get(`/api/orders/${id}`, cookies.buyer);
    expect(seen.status).toBe(200);
    expect(seen.body.tracking.map((t: { number: string; url: string | null }) => [t.number, t.url])).toEqual([
      ['1Z 999AA1 0123456784', 'https://www.ups.com/track?tracknum=1Z%20999AA1%200123456784'],
      ['LOCAL-77123', null],
    ]);
    expect(seen.body.abilities.addTracking).toBe(false);
    const events = await AuditEvent.collection.find({ action: 'order.tracking_added', 'target.id': new Types.ObjectId(id) }).toArray();
    expect(events.map((e) => e.changes.tracking.to)).toEqual(['UPS 1Z 999AA1 0123456784', 'Other carrier LOCAL-77123']);

    const executed = await orderIn('executed');
    expect((await track(executed, { carrier: 'dhl', number: 'JD014600006281230701' })).status).toBe(200);
  });

  it('refuses orders waiting for approval or canceled (409), and the same number twice, in any spelling (409)', async () => {
    for (const status of ['pending_approval', 'canceled'] as const) {
      const id = await orderIn(status);
      const res = await track(id, { carrier: 'ups', number: '1Z999AA10123456784' });
      expect(res.status).toBe(409);
      expect((await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!.tracking).toBeUndefined();
    }
    const id = await orderIn('in_progress');
    expect((await track(id, { carrier: 'fedex', number: '7946 1234 5678' })).status).toBe(200);
    expect((await track(id, { carrier: 'fedex', number: '794612345678' })).status).toBe(409);
    expect((await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!.tracking).toHaveLength(1);
  });

  it('refuses bad input (400), storefront users (403) and orders outside the subtree (404), changing nothing', async () => {
    const id = await orderIn('in_progress');
    for (const body of [{}, { carrier: 'ups' }, { carrier: 'pigeon', number: '123456' }, { carrier: 'ups', number: '' }, { carrier: 'ups', number: '<script>' }, { carrier: 'ups', number: 'x'.repeat(41) }]) {
      expect((await track(id, body)).status).toBe(400);
    }
    expect((await track(id, { carrier: 'ups', number: '1Z1' }, 'buyer')).status).toBe(403);
    expect((await track(id, { carrier: 'ups', number: '1Z1' }, 'card')).status).toBe(404);
    expect((await track(id, { carrier: 'ups', number: '1Z1' }, 'otherDistributor')).status).toBe(404);
    expect((await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!.tracking).toBeUndefined();
  });

  it('50 racing adds of one number: one lands, 49 × 409, one audit event', async () => {
    const id = await orderIn('in_progress');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(base).post(`/api/orders/${id}/tracking`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash).send({ carrier: 'dpd', number: '01234567890123' }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    expect((await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!.tracking).toHaveLength(1);
    expect(await AuditEvent.collection.countDocuments({ action: 'order.tracking_added', 'target.id': new Types.ObjectId(id) })).toBe(1);
  });

  it('a number typed wrong comes off again (in any spelling), audited; the buyer, a sibling and a number not there are refused', async () => {
    const id = await orderIn('executed');
    expect((await track(id, { carrier: 'ups', number: '1Z 999 AA1 0123456784' })).status).toBe(200);
    expect((await track(id, { carrier: 'dhl', number: 'JD014600006281230704' })).status).toBe(200);
    const remove = (number: string, who: DemoAccount = 'cash') => http.delete(`/api/orders/${id}/tracking/${number}`, cookies[who]);
    expect((await remove('1Z999AA10123456784', 'buyer')).status).toBe(403);
    expect((await remove('1Z999AA10123456784', 'card')).status).toBe(404);
    expect((await remove('NOTONTHEORDER1')).status).toBe(409);
    expect((await remove('bad%20number')).status).toBe(404);
    const res = await remove('1z999aa1-0123456784');
    expect(res.status).toBe(200);
    expect(res.body.tracking.map((t: { number: string }) => t.number)).toEqual(['JD014600006281230704']);
    const stored = (await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!;
    expect(stored.trackingNumbers).toEqual(['JD014600006281230704']);
    const event = (await AuditEvent.collection.findOne({ action: 'order.tracking_removed', 'target.id': new Types.ObjectId(id) }))!;
    expect(event.changes).toEqual({ tracking: { from: 'UPS 1Z 999 AA1 0123456784', to: null } });
    // Added again after removal: it is a new parcel like any other.
    expect((await track(id, { carrier: 'ups', number: '1Z999AA10123456784' })).status).toBe(200);
  });

  it('50 racing removals of one number: one lands, 49 × 409, one audit event', async () => {
    const id = await orderIn('in_progress');
    expect((await track(id, { carrier: 'dpd', number: '09876543210987' })).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => request(base).delete(`/api/orders/${id}/tracking/09876543210987`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    expect((await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!.tracking).toEqual([]);
    expect(await AuditEvent.collection.countDocuments({ action: 'order.tracking_removed', 'target.id': new Types.ObjectId(id) })).toBe(1);
  });

  it('finds the customer in the customer grid’s search by a tracking number, inside the subtree only', async () => {
    const id = await orderIn('executed');
    expect((await track(id, { carrier: 'gls', number: 'ZX9 8877 6655' })).status).toBe(200);
    for (const search of ['ZX988776655', 'zx9-8877-6655']) {
      const found = await http.get(`/api/customers?search=${encodeURIComponent(search)}`, cookies.cash);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([String(buyerCompany)]);
    }
    expect((await http.get('/api/customers?search=ZX988776655', cookies.distributor)).body.items.map((c: { id: string }) => c.id)).toEqual([String(buyerCompany)]);
    expect((await http.get('/api/customers?search=ZX988776655', cookies.card)).body.items).toEqual([]);
    expect((await http.get('/api/customers?search=ZX988776655', cookies.otherDistributor)).body.items).toEqual([]);
  });
});
