// Webhooks end to end: events recorded in the writes that cause them, signed, retried, tenancy, SSRF at delivery, pausing.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_HEADERS, webhookEventSchema, type WebhookEvent } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { createCourier } from '../deliveries/courier.js';
import { STRANDED_AFTER_MS, sweepPendingDeliveries } from '../deliveries/delivery-outbox.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { createLogger } from '../logger.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, courierOf, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { startWebhookReceiver } from '../test/webhook-receiver.js';
import { WebhookEndpoint } from './webhook-endpoint.model.js';
import { orderWebhooks, type HookedOrder } from './webhook-events.js';
import { verifyWebhook } from './webhook-signature.js';
import { webhookTransport } from './webhook-transport.js';

useTestDatabase();
// Retries are due at once (the first wait is 1 ms) and a receiver has 300 ms to answer: the test waits for answers, not for time.
const app = buildTestApp(undefined, { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_TIMEOUT_MS: '300', DELIVERY_FIRST_RETRY_MS: '1', DELIVERY_MAX_RETRY_MS: '1' });
const http = api(app);
const cookies = {} as Record<DemoAccount, string>;
const receivers = {} as Record<'cash' | 'card' | 'distributor', Awaited<ReturnType<typeof startWebhookReceiver>>>;
const endpoints = {} as Record<'cash' | 'card' | 'distributor', { id: string; secret: string }>;
let productId: string;

beforeAll(async () => {
  // The demo's endpoints name hosts that do not resolve: with retries due at once, their calls would fail for 24 h of drains.
  await WebhookEndpoint.collection.updateMany({}, { $set: { state: 'paused' } });
  for (const who of ['cash', 'card', 'distributor', 'buyer'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  for (const who of ['cash', 'card', 'distributor'] as const) {
    receivers[who] = await startWebhookReceiver();
    const res = await http.post('/api/webhooks', { url: receivers[who].url(), events: ['order.placed', 'order.waiting', 'order.accepted', 'order.executed', 'customer.created', 'customer.changed'] }, cookies[who]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    endpoints[who] = { id: res.body.endpoint.id, secret: res.body.secret };
  }
  productId = String((await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), active: true, provisioning: 'automatic' }))!._id);
});
afterAll(async () => {
  await deliverAll(); // before the receivers go: a call to a closed receiver is retried (every 1 ms here) for 24 h
  for (const r of Object.values(receivers)) await r.close();
});

const stored = async (id: unknown) => (await Delivery.collection.findOne({ _id: id as never }))!;

/** Drains until every webhook call has left `waiting` and `sending` (each retry is due at once). */
async function deliverAll() {
  for (;;) {
    await courierOf(app).drain();
    if ((await Delivery.collection.countDocuments({ channel: 'webhook', state: { $in: ['waiting', 'sending'] } })) === 0) return;
  }
}

const bodies = (who: keyof typeof receivers) => receivers[who].accepted().map((c) => JSON.parse(c.body) as WebhookEvent);

async function placeAsBuyer() {
  const res = await http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId, quantity: 2 }] }, cookies.buyer);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; status: string };
}

describe('events of an order', () => {
  it('queued with the order; delivered signed, versioned, to the owner’s subtree only', async () => {
    const order = await placeAsBuyer();
    expect(order.status).toBe('pending_approval');
    const calls = await Delivery.collection.find({ channel: 'webhook', 'webhook.body': { $regex: order.number } }).toArray();
    // order.placed and order.waiting, each to the cash reseller's and the distributor's endpoints.
    expect(calls.map((c) => `${c.webhook.event}→${String(c.webhook.endpointId)}`).sort()).toEqual(
      [`order.placed→${endpoints.cash.id}`, `order.placed→${endpoints.distributor.id}`, `order.waiting→${endpoints.cash.id}`, `order.waiting→${endpoints.distributor.id}`].sort(),
    );
    expect(calls.every((c) => c.resellerId === null || String(c.resellerId) === String(demoId('reseller:cash')))).toBe(true);
    await deliverAll();

    for (const who of ['cash', 'distributor'] as const) {
      const mine = receivers[who].accepted().filter((c) => c.body.includes(order.number));
      expect(mine).toHaveLength(2);
      for (const call of mine) {
        // The documented recipe: HMAC-SHA256 of "<timestamp>.<body>" under the secret, inside the replay window.
        expect(verifyWebhook(endpoints[who].secret, { timestamp: call.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()] as string, signature: call.headers[WEBHOOK_HEADERS.signature.toLowerCase()] as string }, call.body)).toBe(true);
        const event = webhookEventSchema.parse(JSON.parse(call.body));
        expect(event).toMatchObject({ version: 1, data: { order: { id: order.id, number: order.number, status: 'pending_approval' } } });
        expect(call.headers[WEBHOOK_HEADERS.id.toLowerCase()]).toMatch(/^[0-9a-f]{24}$/);
        expect(call.body).not.toMatch(/cost/i);
      }
    }
    // The sibling reseller's endpoint never hears of it.
    expect(receivers.card.calls.filter((c) => c.body.includes(order.number))).toEqual([]);

    // Accepted: order.accepted and (automatic provisioning) order.executed, in the decision's write.
    expect((await http.post(`/api/orders/${order.id}/accept`, { note: 'Fine' }, cookies.cash)).status).toBe(200);
    await deliverAll();
    const events = bodies('cash').filter((e) => e.type.startsWith('order.') && 'order' in e.data && e.data.order.id === order.id).map((e) => e.type);
    expect(events.sort()).toEqual(['order.accepted', 'order.executed', 'order.placed', 'order.waiting']);
    const accepted = bodies('cash').find((e) => e.type === 'order.accepted' && 'order' in e.data && e.data.order.id === order.id)!;
    expect(accepted.data).toMatchObject({ order: { status: 'executed', note: 'Fine' } });
    expect(receivers.card.calls.filter((c) => c.body.includes(order.number))).toEqual([]);
    expect((await Order.collection.findOne({ _id: new Types.ObjectId(order.id) }))!.pendingDeliveries ?? []).toEqual([]);
  });

  it('a receiver that times out, answers 500, then 200: one successful delivery, every attempt in its log', async () => {
    const flaky = await startWebhookReceiver();
    const registered = await http.post('/api/webhooks', { url: flaky.url(), events: ['order.placed'] }, cookies.cash);
    const endpointId = registered.body.endpoint.id as string;
    flaky.answerNext('hang', 500);
    const order = await placeAsBuyer();
    await deliverAll();
    await flaky.close();
    const call = (await Delivery.collection.findOne({ 'webhook.endpointId': new Types.ObjectId(endpointId), 'webhook.body': { $regex: order.number } }))!;
    const retried = String(call._id);
    const r = await stored(call._id);
    expect(r).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(r.attemptLog.map((a: { ok: boolean; status: number | null }) => [a.ok, a.status])).toEqual([[false, null], [false, 500], [true, 200]]);
    expect(r.attemptLog[0].error).toMatch(/No answer within 0.3 s/);
    // Three calls with one Webhook-Id; the receiver's system took one.
    expect(flaky.calls.map((c) => [c.headers['webhook-id'], c.answer])).toEqual([[retried, 'hang'], [retried, 500], [retried, 200]]);
    expect(flaky.accepted()).toHaveLength(1);

    // The endpoint's log says so, with the answer codes.
    const log = await http.get(`/api/webhooks/${endpointId}/deliveries`, cookies.cash);
    expect(log.status).toBe(200);
    const line = log.body.items.find((i: { id: string }) => i.id === retried);
    expect(line).toMatchObject({ state: 'sent', attempts: 3, lastStatus: 200, abilities: { sendAgain: false } });
    expect(line.log.map((a: { status: number | null }) => a.status)).toEqual([null, 500, 200]);
    // A success clears the failure mark.
    expect((await WebhookEndpoint.collection.findOne({ _id: new Types.ObjectId(endpointId) }))!.failingSince).toBeNull();
    await http.delete(`/api/webhooks/${endpointId}`, cookies.cash);
  });

  it('a failed call is sent again from the log (POST /api/deliveries/:id/send-again): delivered once more with the same Webhook-Id', async () => {
    const order = await placeAsBuyer();
    await deliverAll();
    const call = (await Delivery.collection.findOne({ 'webhook.event': 'order.placed', 'webhook.endpointId': new Types.ObjectId(endpoints.cash.id), 'webhook.body': { $regex: order.number } }))!;
    await Delivery.collection.updateOne({ _id: call._id }, { $set: { state: 'failed', failedAt: new Date(), lastError: 'The receiver answered HTTP 503' } });
    const again = await http.post(`/api/deliveries/${call._id}/send-again`, {}, cookies.cash);
    expect(again.status).toBe(200);
    await deliverAll();
    expect(receivers.cash.accepted().filter((c) => c.headers['webhook-id'] === String(call._id))).toHaveLength(2);
    expect(await stored(call._id)).toMatchObject({ state: 'sent' });
  });

  it('50 couriers (as many processes would) drain one call at once: the receiver gets it once', async () => {
    const order = await placeAsBuyer();
    const transport = webhookTransport({ allowPrivate: true, timeoutMs: 2000, origin: 'http://localhost' });
    const timing = { firstRetryMs: 60_000, maxRetryMs: 60_000, giveUpAfterMs: 86_400_000, leaseMs: 60_000, pollMs: 60_000 };
    const couriers = Array.from({ length: 50 }, (_, i) => createCourier({ transport, timing, logger: createLogger('silent'), owner: `racer-${i}` }));
    await Promise.all(couriers.map((c) => c.drain()));
    await Promise.all(couriers.map((c) => c.stop()));
    const calls = await Delivery.collection.find({ channel: 'webhook', 'webhook.body': { $regex: order.number } }).toArray();
    expect(calls.length).toBe(4);
    for (const c of calls) {
      expect(c.state).toBe('sent');
      const who = String(c.webhook.endpointId) === endpoints.cash.id ? 'cash' : 'distributor';
      expect(receivers[who].calls.filter((r) => r.headers['webhook-id'] === String(c._id))).toHaveLength(1);
    }
  });
});

describe('a crash between the write and the move to the queue', () => {
  it('leaves the calls in the order’s outbox; the running sweep queues them once they are a minute old, each delivered once', async () => {
    const [order, fresh] = (await Order.collection.find({ resellerId: demoId('reseller:cash'), status: 'in_progress' }).limit(2).toArray()) as unknown as HookedOrder[];
    // What decideOrder writes, as a process that died right after the write would leave it: two minutes ago, and just now.
    const calls = await orderWebhooks(order!, 'in_progress', 'executed', null, new Date(Date.now() - 120_000));
    const recent = await orderWebhooks(fresh!, 'in_progress', 'executed', null, new Date());
    expect(calls.map((c) => c.webhook!.event).sort()).toEqual(['order.executed', 'order.executed']);
    await Order.collection.updateOne({ _id: order!._id }, { $push: { pendingDeliveries: { $each: calls } } } as never);
    await Order.collection.updateOne({ _id: fresh!._id }, { $push: { pendingDeliveries: { $each: recent } } } as never);
    const running = { olderThan: new Date(Date.now() - STRANDED_AFTER_MS) };
    expect(await sweepPendingDeliveries(undefined, running)).toBe(2); // the fresh ones are a request's own to move
    expect(await sweepPendingDeliveries(undefined, running)).toBe(0);
    expect(await sweepPendingDeliveries()).toBe(2); // at start-up: all
    await deliverAll();
    for (const call of [...calls, ...recent]) {
      const who = String(call.webhook!.endpointId) === endpoints.cash.id ? 'cash' : 'distributor';
      expect(receivers[who].accepted().filter((c) => c.headers['webhook-id'] === String(call._id))).toHaveLength(1);
    }
  });
});

describe('events of a customer', () => {
  it('created and changed: to the reseller’s and the distributor’s endpoints, not a sibling’s', async () => {
    const email = `hooked-${randomUUID().slice(0, 8)}@example.test`;
    const fields = { companyName: 'Hooked Ltd', email, phone: '+30 210 1234567', address: '1 Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552' };
    const created = await http.post('/api/customers', fields, cookies.cash);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const changed = await http.put(`/api/customers/${id}`, { ...fields, city: 'Patras', revision: created.body.revision }, cookies.cash);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await deliverAll();
    for (const who of ['cash', 'distributor'] as const) {
      const seen = bodies(who).filter((e) => 'customer' in e.data && e.data.customer.id === id);
      // Calls are delivered at least once, not in order (each is retried on its own): receivers order by occurredAt.
      expect(seen.map((e) => [e.type, 'customer' in e.data && e.data.customer.city]).sort()).toEqual([
        ['customer.changed', 'Patras'],
        ['customer.created', 'Athens'],
      ]);
    }
    expect(receivers.card.calls.filter((c) => c.body.includes(id))).toEqual([]);
  });
});

describe('the SSRF guard at delivery', () => {
  it('a call to a loopback address is refused after DNS when the development setting is off: nothing reaches the receiver', async () => {
    const order = await placeAsBuyer();
    const strict = webhookTransport({ allowPrivate: false, timeoutMs: 2000, origin: 'http://localhost' });
    const timing = { firstRetryMs: 60_000, maxRetryMs: 60_000, giveUpAfterMs: 86_400_000, leaseMs: 60_000, pollMs: 60_000 };
    const before = receivers.cash.calls.length;
    // By name too: "localhost" resolves to loopback and is refused by the connection's own lookup.
    await Delivery.collection.updateMany({ 'webhook.body': { $regex: order.number }, 'webhook.endpointId': new Types.ObjectId(endpoints.distributor.id) }, [
      { $set: { 'webhook.url': { $replaceAll: { input: '$webhook.url', find: '127.0.0.1', replacement: 'localhost' } } } },
    ]).catch(async () => {
      // FerretDB has no update pipelines: rewrite each.
      for (const d of await Delivery.collection.find({ 'webhook.body': { $regex: order.number }, 'webhook.endpointId': new Types.ObjectId(endpoints.distributor.id) }).toArray()) {
        await Delivery.collection.updateOne({ _id: d._id }, { $set: { 'webhook.url': d.webhook.url.replace('127.0.0.1', 'localhost') } });
      }
    });
    const courier = createCourier({ transport: strict, timing, logger: createLogger('silent') });
    await courier.drain();
    await courier.stop();
    const calls = await Delivery.collection.find({ 'webhook.body': { $regex: order.number } }).toArray();
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      expect(c).toMatchObject({ state: 'waiting', attempts: 1 });
      expect(c.lastError).toMatch(/(127\.0\.0\.1|::1).*public addresses only/);
    }
    expect(receivers.cash.calls.length).toBe(before);
    // Both endpoints are now failing (marked), not yet paused.
    expect((await WebhookEndpoint.collection.findOne({ _id: new Types.ObjectId(endpoints.cash.id) }))!.failingSince).toBeInstanceOf(Date);
    // The app's own courier (the setting on) delivers them, their retry made due now.
    await Delivery.collection.updateMany({ 'webhook.body': { $regex: order.number } }, { $set: { nextAttemptAt: new Date() } });
    await deliverAll();
    expect((await WebhookEndpoint.collection.findOne({ _id: new Types.ObjectId(endpoints.cash.id) }))!.failingSince).toBeNull();
  });
});

/** A change to one of the card reseller's customers: its city. */
async function editCardCustomer(city: string) {
  const c = (await Customer.collection.findOne({ _id: demoId('customer:card:1') }))!;
  const fields = { companyName: c.companyName, email: c.email, phone: c.phone, address: c.address, city, country: c.country, state: c.state, postcode: c.postcode, revision: c.revision };
  return http.put(`/api/customers/${c._id}`, fields, cookies.card);
}

describe('an endpoint failing for 24 hours', () => {
  it('is paused at the next failure, once; its owner’s staff are emailed; new events skip it; a waiting call fails for good', async () => {
    const card = new Types.ObjectId(endpoints.card.id);
    await WebhookEndpoint.collection.updateOne({ _id: card }, { $set: { failingSince: new Date(Date.now() - 25 * 3_600_000) } });
    receivers.card.answerNext(500);
    const res = await editCardCustomer('Thessaloniki');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const call = (await Delivery.collection.findOne({ 'webhook.endpointId': card, 'webhook.event': 'customer.changed' }, { sort: { createdAt: -1 } }))!;
    await courierOf(app).drain();
    const endpoint = (await WebhookEndpoint.collection.findOne({ _id: card }))!;
    expect(endpoint).toMatchObject({ state: 'paused', pausedReason: 'Every delivery failed for 24 hours' });
    // The retry finds the endpoint paused: failed for good, kept to send again after a resume.
    expect(await stored(call._id)).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/paused/) });
    // One email per active staff user of the card reseller, through the queue; one audit event.
    const mails = await Delivery.collection.find({ topic: 'webhook.paused', resellerId: demoId('reseller:card') }).toArray();
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.mail.subject === `Webhook paused: ${receivers.card.url()}`)).toBe(true);
    expect(mails[0]!.mail.text).toContain('/reseller/settings/webhooks');
    expect(await AuditEvent.collection.countDocuments({ action: 'webhook.paused', 'target.id': card, 'actor.role': 'system' })).toBe(1);
    // A new event of the card reseller finds no active endpoint of it.
    expect((await editCardCustomer('Larissa')).status).toBe(200);
    expect(await Delivery.collection.countDocuments({ 'webhook.endpointId': card, createdAt: { $gt: call.createdAt } })).toBe(0);
  });
});
