import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_FORCED_NOTICE, RESELLER_SUSPENDED_SIGN_IN, STOREFRONT_SUSPENDED_SIGN_IN } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { Order } from '../orders/order.model.js';
import { placeOrder } from '../orders/order.service.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { downloadXlsx } from '../test/xlsx-download.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { principalFromAccount } from '../tenancy/principal.js';
import { scopeFor } from '../tenancy/scope.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const northwind = demoId('distributor:northwind');
const cashId = demoId('reseller:cash');
const depositId = demoId('reseller:deposit');
const otherId = demoId('reseller:other');
const cookies = {} as Record<DemoAccount, string>;

beforeAll(async () => {
  for (const who of ['distributor', 'cash', 'card', 'deposit', 'buyer', 'otherDistributor', 'otherReseller'] as DemoAccount[]) cookies[who] = await signIn(app, who);
});

const stored = async (id: Types.ObjectId) => (await Reseller.collection.findOne({ _id: id }))!;
const eventsOf = (id: Types.ObjectId, action: string) => AuditEvent.collection.countDocuments({ 'target.id': id, action });

describe('who may read and change a reseller', () => {
  it('answers 401 without a session, 404 for another distributor’s reseller, 403 for reseller staff and storefront users', async () => {
    expect((await http.get(`/api/resellers/${cashId}`)).status).toBe(401);
    expect((await http.get(`/api/resellers/${otherId}`, cookies.distributor)).status).toBe(404);
    expect((await http.get(`/api/resellers/${cashId}`, cookies.otherDistributor)).status).toBe(404);
    expect((await http.post(`/api/resellers/${cashId}/suspend`, {}, cookies.otherDistributor)).status).toBe(404);
    for (const who of ['cash', 'card', 'buyer', 'otherReseller'] as DemoAccount[]) {
      expect((await http.get('/api/resellers', cookies[who])).status, who).toBe(403);
      expect((await http.get(`/api/resellers/${cashId}`, cookies[who])).status, who).toBe(403);
    }
    expect((await http.get(`/api/resellers/${cashId}`, cookies.distributor)).status).toBe(200);
  });

  it('lets reseller staff change neither their payment method, nor their markup, nor their status, by any route or extra field', async () => {
    const before = await stored(cashId);
    const revision = before.revision as number;
    const attempts = [
      http.put(`/api/resellers/${cashId}/payment-method`, { paymentMethod: 'deposit', revision }, cookies.cash),
      http.put(`/api/resellers/${cashId}`, { name: 'Mine', contactEmail: 'x@y.example', markupPercent: 99, revision }, cookies.cash),
      http.post(`/api/resellers/${cashId}/suspend`, {}, cookies.cash),
      http.post(`/api/resellers/${cashId}/reinstate`, {}, cookies.cash),
      http.post('/api/resellers', { name: 'Mine', contactEmail: 'x@y.example', markupPercent: 1, paymentMethod: 'cash', staff: { firstName: 'A', lastName: 'B', email: 'ab@y.example' } }, cookies.cash),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);

    // Extra fields on the routes a reseller may call are dropped by their schemas.
    const customer = (await Customer.collection.findOne({ resellerId: cashId }))!;
    const extra = { paymentMethod: 'deposit', markupPercent: 0, status: 'suspended', resellerId: String(depositId) };
    const fields = { companyName: customer.companyName, email: customer.email, phone: customer.phone, address: customer.address, city: customer.city, country: customer.country, state: customer.state, postcode: customer.postcode };
    expect((await http.put(`/api/customers/${customer._id}`, { ...fields, revision: customer.revision, ...extra }, cookies.cash)).status).toBe(200);
    expect((await http.put(`/api/customers/${customer._id}/order-approval`, { required: true, ...extra }, cookies.cash)).status).toBe(200);
    const after = await stored(cashId);
    expect({ p: after.paymentMethod, m: after.markupPercent, s: after.status, r: after.revision }).toEqual({ p: before.paymentMethod, m: before.markupPercent, s: before.status, r: before.revision });
    expect(String((await Customer.collection.findOne({ _id: customer._id }))!.resellerId)).toBe(String(cashId));
  });
});

describe('the resellers grid', () => {
  it('shows each reseller’s figures as counted from its customers and orders, within the distributor only', async () => {
    const res = await http.get('/api/resellers?total=1', cookies.distributor);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(['Cardinal IT Services', 'Cashmere Cloud Partners', 'Depot Digital']);
    for (const row of res.body.items) {
      const resellerId = new Types.ObjectId(row.id as string);
      const customers = await Customer.collection.find({ resellerId }).toArray();
      const waiting = await Order.collection.find({ resellerId, status: 'pending_approval' }).sort({ orderedAt: 1 }).toArray();
      expect(row.figures).toEqual({
        customers: customers.length,
        monthlyRunRate: customers.reduce((s, c) => s + (c.monthlyRunRateCents as number), 0) / 100,
        currency: 'EUR',
        ordersPendingApproval: waiting.length,
        ordersInProgress: await Order.collection.countDocuments({ resellerId, status: 'in_progress' }),
        oldestPendingOrderAt: waiting[0] ? (waiting[0].orderedAt as Date).toISOString() : null,
      });
    }
    const theirs = await http.get('/api/resellers', cookies.otherDistributor);
    expect(theirs.body.items.map((r: { name: string }) => r.name)).toEqual(['Orbit Systems']);
  });

  it('searches, filters and sorts on the server, and pages by keyset cursor', async () => {
    const names = async (q: string) => (await http.get(`/api/resellers${q}`, cookies.distributor)).body.items.map((r: { name: string }) => r.name);
    expect(await names('?search=cashmere')).toEqual(['Cashmere Cloud Partners']);
    expect(await names('?search=sales%40depot')).toEqual(['Depot Digital']);
    expect(await names('?paymentMethod=credit_card')).toEqual(['Cardinal IT Services']);
    expect(await names('?sort=-name')).toEqual(['Depot Digital', 'Cashmere Cloud Partners', 'Cardinal IT Services']);
    expect(await names('?sort=paymentMethod')).toEqual(['Cashmere Cloud Partners', 'Cardinal IT Services', 'Depot Digital']);
    expect(await names('?status=suspended')).toEqual([]);
    // Resellers with orders waiting for approval (the home page's card): those the orders say.
    const waitingIds = new Set((await Order.collection.distinct('resellerId', { distributorId: northwind, status: 'pending_approval' })).map(String));
    expect((await http.get('/api/resellers?waiting=1', cookies.distributor)).body.items.map((r: { id: string }) => r.id).sort()).toEqual([...waitingIds].sort());

    const first = await http.get('/api/resellers?limit=2&total=1', cookies.distributor);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBe(3);
    const second = await http.get(`/api/resellers?limit=2&cursor=${first.body.nextCursor}`, cookies.distributor);
    expect(second.body.items.map((r: { name: string }) => r.name)).toEqual(['Depot Digital']);
    expect(second.body.nextCursor).toBeNull();
    expect((await http.get(`/api/resellers?limit=2&sort=-name&cursor=${first.body.nextCursor}`, cookies.distributor)).status).toBe(400);
  });

  it('sorts by each figure column (the figures kept on each reseller), both ways, and pages by keyset cursor across it', async () => {
    const rowsOf = async (q: string) => (await http.get(`/api/resellers${q}`, cookies.distributor)).body.items as { name: string; figures: Record<string, number> }[];
    for (const [sort, figure] of [
      ['customers', 'customers'],
      ['monthlyRunRate', 'monthlyRunRate'],
      ['waiting', 'ordersPendingApproval'],
      ['inProgress', 'ordersInProgress'],
    ] as const) {
      const up = (await rowsOf(`?sort=${sort}`)).map((r) => r.figures[figure]!);
      expect(up, sort).toEqual([...up].sort((a, b) => a - b));
      const down = (await rowsOf(`?sort=-${sort}`)).map((r) => r.figures[figure]!);
      expect(down, `-${sort}`).toEqual([...up].reverse());
      // Page by page (one row a page), the same rows in the same order.
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await http.get(`/api/resellers?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, cookies.distributor);
        paged.push(...page.body.items.map((r: { name: string }) => r.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged, sort).toEqual((await rowsOf(`?sort=${sort}`)).map((r) => r.name));
    }
  });

  it('lists every reseller as filter options', async () => {
    const res = await http.get('/api/resellers/options', cookies.distributor);
    expect(res.body.items.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
      ['Cardinal IT Services', 'active'],
      ['Cashmere Cloud Partners', 'active'],
      ['Depot Digital', 'active'],
    ]);
  });
});

describe('GET /api/resellers/export.xlsx', () => {
  it('holds exactly the rows and figures of the grid’s view (a filter and a sort), for the distributor only', async () => {
    const query = 'paymentMethod=cash&sort=-name';
    const list = await http.get(`/api/resellers?${query}&limit=200`, cookies.distributor);
    expect(list.status).toBe(200);
    const file = await downloadXlsx(app, `/api/resellers/export.xlsx?${query}`, cookies.distributor);
    expect(file.res.status).toBe(200);
    expect(String(file.res.headers['content-disposition'])).toMatch(/filename="Resellers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const col = (name: string) => file.header.indexOf(name);
    const items = list.body.items as { name: string; figures: { customers: number; ordersPendingApproval: number } }[];
    expect(items.length).toBeGreaterThan(0);
    expect(file.rows.map((r) => r[col('Reseller')])).toEqual(items.map((r) => r.name));
    expect(file.rows.map((r) => r[col('Customers')])).toEqual(items.map((r) => r.figures.customers));
    expect(file.rows.map((r) => r[col('Waiting for approval')])).toEqual(items.map((r) => r.figures.ordersPendingApproval));
    expect(file.rows.map((r) => r[col('Payment method')]).every((m) => m === 'Cash')).toBe(true);
    // Another distributor's file holds only its own; reseller staff may not export.
    const other = await downloadXlsx(app, '/api/resellers/export.xlsx', cookies.otherDistributor);
    expect(other.rows.map((r) => r[0])).not.toContain(items[0]!.name);
    expect((await http.get('/api/resellers/export.xlsx', cookies.cash)).status).toBe(403);
  });
});

describe('editing a reseller', () => {
  it('saves details and markup on the current revision, refuses a stale one with 409, and audits the change once', async () => {
    const detail = (await http.get(`/api/resellers/${depositId}`, cookies.distributor)).body;
    const edit = { name: detail.name, contactName: 'Dev Deposit', contactEmail: detail.contactEmail, phone: detail.phone, city: 'Patras', country: detail.country, markupPercent: 27.5, revision: detail.revision };
    const saved = await http.put(`/api/resellers/${depositId}`, { ...edit, paymentMethod: 'credit_card', status: 'suspended' }, cookies.distributor);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ city: 'Patras', markupPercent: 27.5, revision: detail.revision + 1, paymentMethod: 'deposit', status: 'active' });
    expect(await eventsOf(depositId, 'reseller.updated')).toBe(1);
    const event = await AuditEvent.collection.findOne({ 'target.id': depositId, action: 'reseller.updated' });
    expect(event!.changes).toMatchObject({ city: { from: 'Athens', to: 'Patras' }, markupPercent: { from: 25, to: 27.5 } });

    const stale = await http.put(`/api/resellers/${depositId}`, { ...edit, city: 'Volos' }, cookies.distributor);
    expect(stale.status).toBe(409);
    expect((await stored(depositId)).city).toBe('Patras');
    const invalid = await http.put(`/api/resellers/${depositId}`, { ...edit, markupPercent: -1, contactEmail: 'nope', revision: detail.revision + 1 }, cookies.distributor);
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['contactEmail', 'markupPercent']);
  });

  it('of fifty racing saves on one revision exactly one wins; the others are told 409', async () => {
    const detail = (await http.get(`/api/resellers/${depositId}`, cookies.distributor)).body;
    const before = await eventsOf(depositId, 'reseller.updated');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        http.put(`/api/resellers/${depositId}`, { name: detail.name, contactEmail: detail.contactEmail, markupPercent: 30 + i, revision: detail.revision }, cookies.distributor),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect((await stored(depositId)).revision).toBe(detail.revision + 1);
    expect(await eventsOf(depositId, 'reseller.updated')).toBe(before + 1);
  }, 120_000);
});

describe('the payment method (rule 1)', () => {
  const cashCustomer = demoId('customer:cash:9');

  it('switching the cash reseller to credit card forces approval for all its customers at once, and is audited once', async () => {
    const customer = await Customer.collection.findOne({ _id: cashCustomer });
    // A customer of this reseller that does not ask for approval itself.
    await Customer.collection.updateOne({ _id: cashCustomer }, { $set: { orderApprovalRequired: false } });
    const buyerUser = await User.collection.findOne({ role: 'storefront', state: 'active', customerId: cashCustomer });
    expect(customer && buyerUser).toBeTruthy();
    const revision = (await stored(cashId)).revision as number;

    const switched = await http.put(`/api/resellers/${cashId}/payment-method`, { paymentMethod: 'credit_card', revision }, cookies.distributor);
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ paymentMethod: 'credit_card', approvalRequiredForAll: true });
    expect(await eventsOf(cashId, 'reseller.payment_method_changed')).toBe(1);
    // Nothing is rewritten on the customers: their own setting stays as it was.
    expect((await Customer.collection.findOne({ _id: cashCustomer }))!.orderApprovalRequired).toBe(false);

    // The reseller sees it at once: the notice, the effective setting, and switching off refused.
    const stats = await http.get('/api/customers/stats', cookies.cash);
    expect(stats.body.approvalRequiredForAll).toBe(true);
    const record = await http.get(`/api/customers/${cashCustomer}`, cookies.cash);
    expect(record.body.orderApproval).toMatchObject({ required: true, customerSetting: false, forcedByPaymentMethod: true, mode: 'always' });
    expect(record.body.abilities.setOrderApproval).toBe(false);
    const off = await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: false }, cookies.cash);
    expect(off.status).toBe(409);
    expect(off.body.error.message).toBe(APPROVAL_FORCED_NOTICE);

    // A new order of that customer's storefront user waits for approval.
    await User.collection.updateOne({ _id: buyerUser!._id }, { $set: { passwordHash: (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))!.passwordHash } });
    const buyer = await signIn(app, buyerUser!.email as string);
    const product = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'automatic', active: true }))!;
    const placed = await http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }, buyer);
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('pending_approval');

    // And back: the customer's own setting applies again, with no rewrite either way.
    const back = await http.put(`/api/resellers/${cashId}/payment-method`, { paymentMethod: 'cash', revision: revision + 1 }, cookies.distributor);
    expect(back.status).toBe(200);
    expect((await http.get(`/api/customers/${cashCustomer}`, cookies.cash)).body.orderApproval.required).toBe(false);
    expect((await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: false }, cookies.cash)).status).toBe(200);
    expect(await eventsOf(cashId, 'reseller.payment_method_changed')).toBe(2);
  });

  it('refuses a stale revision with 409 even when it asks for the method already set, and changes nothing', async () => {
    const before = await stored(depositId);
    const events = await eventsOf(depositId, 'reseller.payment_method_changed');
    const current = before.revision as number;
    for (const revision of current > 1 ? [current - 1, current + 1] : [current + 1]) {
      const res = await http.put(`/api/resellers/${depositId}/payment-method`, { paymentMethod: before.paymentMethod, revision }, cookies.distributor);
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error.code).toBe('stale');
    }
    // On the current revision, the same method is a no-op that answers the record.
    const same = await http.put(`/api/resellers/${depositId}/payment-method`, { paymentMethod: before.paymentMethod, revision: before.revision }, cookies.distributor);
    expect(same.status).toBe(200);
    expect(same.body.revision).toBe(before.revision);
    expect((await stored(depositId)).revision).toBe(before.revision);
    expect(await eventsOf(depositId, 'reseller.payment_method_changed')).toBe(events);
  });

  it('of fifty racing switches on one revision exactly one wins', async () => {
    const revision = (await stored(depositId)).revision as number;
    const before = await eventsOf(depositId, 'reseller.payment_method_changed');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => http.put(`/api/resellers/${depositId}/payment-method`, { paymentMethod: i % 2 ? 'cash' : 'credit_card', revision }, cookies.distributor)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await eventsOf(depositId, 'reseller.payment_method_changed')).toBe(before + 1);
    const now = await stored(depositId);
    await http.put(`/api/resellers/${depositId}/payment-method`, { paymentMethod: 'deposit', revision: now.revision }, cookies.distributor);
  }, 120_000);
});

describe('suspending and reinstating (rule 8)', () => {
  it('ends the sessions of the reseller’s staff and storefront users, refuses their sign-in with a clear message, takes no orders, deletes nothing; reinstating restores', async () => {
    const counts = async () => ({
      customers: await Customer.collection.countDocuments({ resellerId: cashId }),
      users: await User.collection.countDocuments({ resellerId: cashId }),
      orders: await Order.collection.countDocuments({ resellerId: cashId }),
    });
    const before = await counts();
    const cash = await signIn(app, 'cash');
    const buyer = await signIn(app, 'buyer');

    const suspended = await http.post(`/api/resellers/${cashId}/suspend`, {}, cookies.distributor);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', abilities: { suspend: false, reinstate: true } });
    expect(await eventsOf(cashId, 'reseller.suspended')).toBe(1);

    // Their open sessions are told why, not only that the session ended.
    const staffEnded = await http.get('/api/auth/me', cash);
    expect(staffEnded.status).toBe(401);
    expect(staffEnded.body.error).toMatchObject({ code: 'account_unavailable', message: RESELLER_SUSPENDED_SIGN_IN });
    expect((await http.get('/api/auth/session', cash)).body).toMatchObject({ principal: null, ended: true, why: RESELLER_SUSPENDED_SIGN_IN });
    const buyerEnded = await http.get('/api/auth/me', buyer);
    expect(buyerEnded.status).toBe(401);
    expect(buyerEnded.body.error).toMatchObject({ code: 'account_unavailable', message: STOREFRONT_SUSPENDED_SIGN_IN });
    const staffRefused = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'Demo-Password-1' });
    expect(staffRefused.status).toBe(403);
    expect(staffRefused.body.error.message).toBe(RESELLER_SUSPENDED_SIGN_IN);
    const buyerRefused = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'Demo-Password-1' });
    expect(buyerRefused.status).toBe(403);
    expect(buyerRefused.body.error.message).toBe(STOREFRONT_SUSPENDED_SIGN_IN);
    // A wrong password still gets the ordinary answer.
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'wrong-password-1' })).status).toBe(401);
    // Other resellers and the distributor are not affected; the distributor still sees everything.
    expect((await http.get('/api/auth/me', cookies.card)).status).toBe(200);
    expect((await http.get(`/api/customers?resellerId=${cashId}&limit=1&total=1`, cookies.distributor)).body.total).toBe(before.customers);
    expect(await counts()).toEqual(before);

    expect((await http.post(`/api/resellers/${cashId}/suspend`, {}, cookies.distributor)).status).toBe(409);
    const reinstated = await http.post(`/api/resellers/${cashId}/reinstate`, {}, cookies.distributor);
    expect(reinstated.status).toBe(200);
    expect(reinstated.body.status).toBe('active');
    expect(await eventsOf(cashId, 'reseller.reinstated')).toBe(1);
    expect((await http.post(`/api/resellers/${cashId}/reinstate`, {}, cookies.distributor)).status).toBe(409);

    const again = await signIn(app, 'buyer');
    const product = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'automatic', active: true }))!;
    const order = await http.post('/api/orders', { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }, again);
    expect(order.status).toBe(201);
    expect((await http.get('/api/auth/me', await signIn(app, 'cash'))).status).toBe(200);
    expect(await counts()).toEqual({ ...before, orders: before.orders + 1 });
    cookies.cash = await signIn(app, 'cash');
    cookies.buyer = await signIn(app, 'buyer');
  });

  it('its storefront takes no orders while suspended, even from a request already past sign-in', async () => {
    await Reseller.collection.updateOne({ _id: cashId }, { $set: { status: 'suspended' } });
    try {
      const account = (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))! as never;
      const principal = principalFromAccount(account, 'test');
      const product = (await Product.collection.findOne({ distributorId: northwind, active: true }))!;
      const attempt = placeOrder(
        { principal, scope: scopeFor(principal), client: { ip: null, userAgent: null, requestId: null } },
        { idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] },
        'http://localhost:3000',
      );
      await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await Reseller.collection.updateOne({ _id: cashId }, { $set: { status: 'active' } });
    }
  });

  it('of fifty racing suspensions exactly one wins and writes one event', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => http.post(`/api/resellers/${depositId}/suspend`, {}, cookies.distributor)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await eventsOf(depositId, 'reseller.suspended')).toBe(1);
    expect((await http.post(`/api/resellers/${depositId}/reinstate`, {}, cookies.distributor)).status).toBe(200);
  }, 120_000);
});

describe('onboarding a reseller', () => {
  const body = (tag: string) => ({
    name: `Nova Cloud ${tag}`,
    contactName: 'Nora Nova',
    contactEmail: `hello-${tag}@nova.example`,
    phone: '+30 210 1234567',
    city: 'Thessaloniki',
    country: 'Greece',
    markupPercent: 12,
    paymentMethod: 'deposit',
    staff: { firstName: 'Nora', lastName: 'Nova', email: `nora-${tag}@nova.example` },
  });

  it('creates the reseller and its first staff user, who activates through the emailed link and signs in', async () => {
    const input = body('a');
    const res = await http.post('/api/resellers', input, cookies.distributor);
    expect(res.status).toBe(201);
    expect(res.body.emailSent).toBe(true);
    expect(res.body.reseller).toMatchObject({ name: input.name, paymentMethod: 'deposit', status: 'active', markupPercent: 12, figures: { customers: 0 } });
    const id = new Types.ObjectId(res.body.reseller.id as string);
    const user = (await User.collection.findOne({ email: input.staff.email }))!;
    expect(user).toMatchObject({ role: 'reseller', state: 'pending_activation', loginRealm: 'staff' });
    expect(String(user.resellerId)).toBe(String(id));
    expect(await eventsOf(id, 'reseller.created')).toBe(1);
    expect(await eventsOf(user._id as Types.ObjectId, 'staff_user.created')).toBe(1);

    const mail = await OutboxMessage.findOne({ to: input.staff.email }).lean();
    expect(mail!.subject).toContain(input.name);
    const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
    expect((await http.post('/api/auth/activate', { token, password: 'Correct-Horse-42' })).status).toBe(200);
    const staff = await signIn(app, input.staff.email, 'Correct-Horse-42');
    const me = await http.get('/api/auth/me', staff);
    expect(me.body).toMatchObject({ role: 'reseller', resellerName: input.name });
    expect((await http.get('/api/customers?total=1', staff)).body.total).toBe(0);
    // The other distributor does not see it.
    expect((await http.get(`/api/resellers/${id}`, cookies.otherDistributor)).status).toBe(404);
  });

  it('refuses a staff email that already has an account, and leaves no reseller behind', async () => {
    const input = { ...body('b'), staff: { firstName: 'Casey', lastName: 'Copy', email: DEMO_ACCOUNTS.cash } };
    const res = await http.post('/api/resellers', input, cookies.distributor);
    expect(res.status).toBe(400);
    expect(res.body.error.fields['staff.email']).toBeDefined();
    expect(await Reseller.collection.countDocuments({ name: input.name })).toBe(0);
    const missing = await http.post('/api/resellers', { name: '', contactEmail: 'x', staff: {} }, cookies.distributor);
    expect(missing.status).toBe(400);
  });

  it('takes the country from the list of countries (or none), and refuses any other text with 400, writing nothing', async () => {
    const refused = await http.post('/api/resellers', { ...body('c'), country: 'Atlantis' }, cookies.distributor);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.country).toBe('Choose a country from the list');
    expect(await Reseller.collection.countDocuments({ name: body('c').name })).toBe(0);
    const none = await http.post('/api/resellers', { ...body('d'), country: '' }, cookies.distributor);
    expect(none.status).toBe(201);
    const germany = await http.post('/api/resellers', { ...body('e'), country: 'Germany' }, cookies.distributor);
    expect(germany.status).toBe(201);
    expect(germany.body.reseller.country).toBe('Germany');
  });
});

describe('a reseller’s staff users, kept by its distributor', () => {
  const pat = demoId('user:pat.pending@demo.example');

  it('lists them by name with state and last sign-in, and says who may be sent a new activation link; 404 outside the tree, 403 below it', async () => {
    const res = await http.get(`/api/resellers/${depositId}/staff-users`, cookies.distributor);
    expect(res.status).toBe(200);
    const rows = res.body.items as { id: string; email: string; state: string; abilities: { resendActivation: boolean } }[];
    expect(rows.map((u) => [u.email, u.state, u.abilities.resendActivation])).toEqual([
      [DEMO_ACCOUNTS.deposit, 'active', false],
      ['pat.pending@demo.example', 'pending_activation', true],
    ]);
    expect((await http.get(`/api/resellers/${otherId}/staff-users`, cookies.distributor)).status).toBe(404);
    // A fresh session: the suspension tests above ended the reseller staff's.
    expect((await http.get(`/api/resellers/${depositId}/staff-users`, await signIn(app, 'deposit'))).status).toBe(403);
  });

  it('sends one waiting a fresh link that activates (the old one stops working), audited; an active one is 409, another tree’s 404', async () => {
    const first = await http.post(`/api/staff-users/${pat}/resend-activation`, {}, cookies.distributor);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ emailSent: true, user: { email: 'pat.pending@demo.example', state: 'pending_activation' } });
    const second = await http.post(`/api/staff-users/${pat}/resend-activation`, {}, cookies.distributor);
    expect(second.status).toBe(200);
    const mails = await OutboxMessage.find({ to: 'pat.pending@demo.example' }).sort({ _id: 1 }).lean();
    expect(mails).toHaveLength(2);
    const tokenOf = (text: string) => /[?&]token=([A-Za-z0-9_-]+)/.exec(text)![1];
    expect((await http.post('/api/auth/activate', { token: tokenOf(mails[0]!.text), password: 'Correct-Horse-43' })).status).toBe(400);
    expect((await http.post('/api/auth/activate', { token: tokenOf(mails[1]!.text), password: 'Correct-Horse-43' })).status).toBe(200);
    expect(await eventsOf(pat, 'staff_user.activation_resent')).toBe(2);

    const active = await http.post(`/api/staff-users/${pat}/resend-activation`, {}, cookies.distributor);
    expect(active.status).toBe(409);
    expect(await eventsOf(pat, 'staff_user.activation_resent')).toBe(2);
    expect((await http.post(`/api/staff-users/${demoId('user:other.reseller@demo.example')}/resend-activation`, {}, cookies.distributor)).status).toBe(404);
    // A storefront user is not a staff user, whatever its id.
    const storefront = await User.collection.findOne({ resellerId: depositId, role: 'storefront', state: 'pending_activation' });
    expect((await http.post(`/api/staff-users/${String(storefront!._id)}/resend-activation`, {}, cookies.distributor)).status).toBe(404);
  });
});

describe('the distributor home', () => {
  it('counts suspended resellers and the run rate', async () => {
    await Reseller.collection.updateOne({ _id: depositId }, { $set: { status: 'suspended' } });
    const o = (await http.get('/api/overview', cookies.distributor)).body;
    await Reseller.collection.updateOne({ _id: depositId }, { $set: { status: 'active' } });
    expect(o.resellers).toBeGreaterThanOrEqual(3);
    expect(o.suspendedResellers).toBe(1);
    expect(o.monthlyRunRate).toBeGreaterThan(0);
  });
});
