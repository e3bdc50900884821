import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Session } from '../auth/session.model.js';
import { Customer } from '../customers/customer.model.js';
import { runHousekeeping } from '../housekeeping.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase } from '../test/harness.js';
import { snapshotDatabase, changedCollections } from '../test/db-snapshot.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

const BLUE_HARBOR = demoId('customer:cash:0');
const buyer = async () => (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))!;
const sessionIdOf = async (cookie: string) => (await http.get('/api/auth/me', cookie)).body as { userId: string };
const eventsAbout = (userId: Types.ObjectId) => AuditEvent.collection.find({ 'target.id': userId, action: { $in: ['customer.view_as_started', 'customer.view_as_ended'] } }).sort({ at: 1 }).toArray();

/** Makes the live look at `userId` lapse a moment after it began; returns when. */
async function lapseTheLook(userId: Types.ObjectId): Promise<Date> {
  const session = (await Session.collection.findOne({ 'viewAs.userId': userId, endedAt: null }))!;
  const lapsedAt = new Date((session.viewAs as { startedAt: Date }).startedAt.getTime() + 1);
  while (Date.now() <= lapsedAt.getTime()) await new Promise((r) => setImmediate(r));
  await Session.collection.updateOne({ _id: session._id }, { $set: { 'viewAs.expiresAt': lapsedAt } });
  return lapsedAt;
}

async function look(cookie: string, customerId = BLUE_HARBOR, body: object = {}) {
  return http.post(`/api/customers/${String(customerId)}/view-as`, body, cookie);
}

describe('view as customer', () => {
  it('shows the storefront as the user sees it (its language, its company, its orders), audits start and end, and gives the staff member back', async () => {
    const bea = await buyer();
    const cookie = await signIn(app, 'cash');
    expect((await look(cookie, BLUE_HARBOR, { userId: String(bea._id) })).status).toBe(204);

    const me = (await http.get('/api/auth/me', cookie)).body;
    expect(me).toMatchObject({ role: 'storefront', userId: String(bea._id), customerId: String(BLUE_HARBOR), customerName: 'Blue Harbor Trading Ltd', preferences: { language: bea.language } });
    expect(me.viewingAs).toMatchObject({ customerId: String(BLUE_HARBOR), customerName: 'Blue Harbor Trading Ltd', userName: `${bea.firstName} ${bea.lastName}`, staffName: expect.any(String) });
    // Read-only: nothing to place, approve or manage; the abilities say so before the server does.
    expect(me.abilities).toMatchObject({ placeOrders: false, approveOrders: false });

    // The user's orders, priced as the user sees them: never a cost.
    const orders = await http.get('/api/orders?limit=50', cookie);
    expect(orders.status).toBe(200);
    expect(orders.body.items.length).toBeGreaterThan(0);
    for (const o of orders.body.items) expect(o.customerId).toBe(String(BLUE_HARBOR));
    expect(JSON.stringify(orders.body)).not.toMatch(/cost/i);
    const catalogue = await http.get('/api/catalogue', cookie);
    expect(catalogue.status).toBe(200);
    expect(JSON.stringify(catalogue.body)).not.toMatch(/cost/i);

    const ended = await http.post('/api/view-as/end', {}, cookie);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ customerId: String(BLUE_HARBOR), staffRole: 'reseller' });
    expect((await http.get('/api/auth/me', cookie)).body).toMatchObject({ role: 'reseller', email: DEMO_ACCOUNTS.cash, viewingAs: null });
    // Ending twice: the second finds nothing to end.
    expect((await http.post('/api/view-as/end', {}, cookie)).status).toBe(403);

    const events = await eventsAbout(bea._id);
    expect(events.map((e) => e.action)).toEqual(['customer.view_as_started', 'customer.view_as_ended']);
    for (const e of events) {
      expect(e.actor).toMatchObject({ role: 'reseller', email: DEMO_ACCOUNTS.cash });
      expect(e).toMatchObject({ customerId: BLUE_HARBOR, resellerId: demoId('reseller:cash'), customerName: 'Blue Harbor Trading Ltd', target: { type: 'user', label: `${bea.firstName} ${bea.lastName}` } });
    }
  });

  it('refuses every change while looking (403) and writes nothing, whatever the route', async () => {
    const cookie = await signIn(app, 'cash');
    expect((await look(cookie)).status).toBe(204);
    const product = (await Product.collection.findOne({ active: true }))!;
    const waiting = (await Order.collection.findOne({ customerId: BLUE_HARBOR, status: { $in: ['pending_company_approval', 'pending_approval'] } }))!;
    const before = await snapshotDatabase();
    const writes = [
      http.post('/api/orders', { customerId: String(BLUE_HARBOR), idempotencyKey: `view-as-${Date.now()}-key`, lines: [{ productId: String(product._id), quantity: 1 }] }, cookie),
      http.post(`/api/orders/${String(waiting._id)}/cancel`, {}, cookie),
      http.post(`/api/orders/${String(waiting._id)}/accept`, {}, cookie),
      http.put('/api/profile', { firstName: 'Hijack', lastName: 'Attempt', language: 'en', dateFormat: 'DD/MM/YYYY' }, cookie),
      http.post('/api/profile/password', { currentPassword: 'x', newPassword: 'Another-long-passw0rd' }, cookie),
      http.post(`/api/customers/${String(BLUE_HARBOR)}/view-as`, {}, cookie),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/looking at this storefront/);
    }
    expect(changedCollections(before, await snapshotDatabase())).toEqual([]);
    expect((await http.post('/api/view-as/end', {}, cookie)).status).toBe(200);
  });

  it('reaches only the staff member’s own subtree: a sibling’s customer is 404, another customer’s user is 404, storefront users may not look (403)', async () => {
    const card = await signIn(app, 'card');
    expect((await look(card)).status).toBe(404);
    const cash = await signIn(app, 'cash');
    const otherUser = (await User.collection.findOne({ role: 'storefront', customerId: { $ne: BLUE_HARBOR }, resellerId: demoId('reseller:cash') }))!;
    expect((await look(cash, BLUE_HARBOR, { userId: String(otherUser._id) })).status).toBe(404);
    expect((await look(cash, new Types.ObjectId())).status).toBe(404);
    expect((await look(await signIn(app, 'buyer'))).status).toBe(403);
    expect((await look(await signIn(app, 'otherDistributor'))).status).toBe(404);
    // The distributor's staff look at their resellers' customers too.
    const distributor = await signIn(app, 'distributor');
    expect((await look(distributor)).status).toBe(204);
    expect((await http.get('/api/auth/me', distributor)).body.viewingAs.customerId).toBe(String(BLUE_HARBOR));
    expect((await http.post('/api/view-as/end', {}, distributor)).status).toBe(200);
    // A buyer is nobody's look.
    expect((await http.post('/api/view-as/end', {}, await signIn(app, 'buyer'))).status).toBe(409);
  });

  it('defaults to the company’s admin; a customer without storefront users says so (409)', async () => {
    const cookie = await signIn(app, 'cash');
    expect((await look(cookie)).status).toBe(204);
    expect((await http.get('/api/auth/me', cookie)).body.companyRole).toBe('admin');
    await http.post('/api/view-as/end', {}, cookie);
    const lonely = await Customer.collection.findOne({ resellerId: demoId('reseller:cash'), _id: { $nin: (await User.collection.distinct('customerId', { role: 'storefront' })) as Types.ObjectId[] } });
    const res = await look(cookie, lonely!._id as Types.ObjectId);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/no storefront users/);
  });

  it('lapses after its time: the next request is the staff member again, and the end is audited at the expiry, once', async () => {
    const bea = await buyer();
    const cookie = await signIn(app, 'cash');
    await look(cookie);
    const { userId } = await sessionIdOf(cookie);
    expect(userId).toBe(String(bea._id));
    const lapsedAt = await lapseTheLook(bea._id);
    const before = (await eventsAbout(bea._id)).length;
    const [a, b] = await Promise.all([http.get('/api/auth/me', cookie), http.get('/api/auth/me', cookie)]);
    expect([a.body.role, b.body.role]).toEqual(['reseller', 'reseller']);
    const ends = (await eventsAbout(bea._id)).slice(before);
    expect(ends.map((e) => e.action)).toEqual(['customer.view_as_ended']);
    expect(ends[0]!.at.getTime()).toBe(lapsedAt.getTime());
  });

  it('a look nobody comes back to is ended by housekeeping, audited, before its session is purged', async () => {
    const bea = await buyer();
    const cookie = await signIn(app, 'cash');
    await look(cookie);
    await lapseTheLook(bea._id);
    const before = (await eventsAbout(bea._id)).length;
    // Without billing: the demo's subscribers' months since the demo's date would take minutes to invoice.
    const result = await runHousekeeping({ monthlyInvoices: false });
    expect(result.viewAs).toBe(1);
    expect((await eventsAbout(bea._id)).slice(before).map((e) => e.action)).toEqual(['customer.view_as_ended']);
    expect(await Session.collection.countDocuments({ viewAs: { $ne: null } })).toBe(0);
  });

  it('50 tabs starting a look at once: one look, one start event', async () => {
    const bea = await buyer();
    const cookie = await signIn(app, 'cash');
    const before = (await eventsAbout(bea._id)).length;
    const answers = await Promise.all(Array.from({ length: 50 }, () => look(cookie)));
    const statuses = answers.map((r) => r.status);
    // The winner 204; those that read the session before it 409; those after it are the look itself (403).
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.every((s) => [204, 409, 403].includes(s))).toBe(true);
    expect((await eventsAbout(bea._id)).slice(before).map((e) => e.action)).toEqual(['customer.view_as_started']);
    expect((await http.post('/api/view-as/end', {}, cookie)).status).toBe(200);
  });
});
