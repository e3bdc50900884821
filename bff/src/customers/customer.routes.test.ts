import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Customer } from './customer.model.js';
import { reconcileFigures } from '../overview/figure-reconciliation.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const card = demoId('reseller:card');
const cardCustomer = demoId('customer:card:1');
const cashCustomer = demoId('customer:cash:1');
const otherCustomer = demoId('customer:other:1');

const NEW_CUSTOMER = {
  companyName: 'Zeta Zoology GmbH',
  email: 'office@zeta-zoology.example',
  address: '12 Harbour Road',
  city: 'Hamburg',
  country: 'Germany',
  state: 'Hamburg',
  postcode: '20095',
  phone: '+49 40 555 0199',
};

describe('GET /api/customers', () => {
  it('is 401 without a session and 403 for a storefront user', async () => {
    expect((await http.get('/api/customers')).status).toBe(401);
    expect((await http.get('/api/customers', await signIn(app, 'buyer'))).status).toBe(403);
  });

  it('lists only the reseller’s own customers, sorted by name, with the right total', async () => {
    const res = await http.get('/api/customers?limit=200&total=1', await signIn(app, 'cash'));
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(await Customer.collection.countDocuments({ resellerId: cash }));
    expect(res.body.items).toHaveLength(res.body.total);
    expect(new Set(res.body.items.map((c: { resellerId: string }) => c.resellerId))).toEqual(new Set([String(cash)]));
    const names = res.body.items.map((c: { companyName: string }) => c.companyName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('pages with the keyset cursor through every row exactly once, in the same order as offsets', async () => {
    const cookie = await signIn(app, 'cash');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await http.get(`/api/customers?sort=-monthlyRunRate&limit=17${cursor ? `&cursor=${cursor}` : ''}`, cookie);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const total = await Customer.collection.countDocuments({ resellerId: cash });
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const byOffset = await http.get('/api/customers?sort=-monthlyRunRate&limit=17&offset=34', cookie);
    expect(byOffset.body.items.map((c: { id: string }) => c.id)).toEqual(seen.slice(34, 51));
  });

  it('orders rows with the same sort value by name, and pages correctly through the middle of ties', async () => {
    const cookie = await signIn(app, 'cash');
    // Seven customers tie on the run rate; three of them also tie on the name (then _id decides).
    const tied = await Customer.collection.find({ resellerId: cash }).sort({ _id: 1 }).limit(7).toArray();
    await Customer.collection.updateMany({ _id: { $in: tied.map((c) => c._id) } }, { $set: { monthlyRunRateCents: 4242_00 } });
    await Customer.collection.updateMany({ _id: { $in: tied.slice(0, 3).map((c) => c._id) } }, { $set: { nameKey: 'tied name', companyName: 'Tied Name' } });
    await reconcileFigures(); // written around the app: its kept figures are counted again
    for (const sort of ['monthlyRunRate', '-monthlyRunRate']) {
      const all = await http.get(`/api/customers?sort=${sort}&limit=200`, cookie);
      const rows = all.body.items as { id: string; companyName: string; monthlyRunRate: number }[];
      const ties = rows.filter((r) => r.monthlyRunRate === 4242);
      expect(ties).toHaveLength(7);
      const names = ties.map((r) => r.companyName.toLowerCase());
      expect(names).toEqual(sort.startsWith('-') ? [...names].sort().reverse() : [...names].sort());
      // Pages of 2 starting inside the tie group: every boundary falls among equal run rates, some among equal names.
      const start = rows.findIndex((r) => r.monthlyRunRate === 4242) - 1;
      const seen: string[] = [];
      let res = await http.get(`/api/customers?sort=${sort}&limit=2&offset=${start}`, cookie);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      let cursor: string | null = res.body.nextCursor;
      while (cursor && seen.length < 12) {
        res = await http.get(`/api/customers?sort=${sort}&limit=2&cursor=${cursor}`, cookie);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      }
      expect(seen).toEqual(rows.slice(start, start + 12).map((r) => r.id));
    }
  });

  it('filters by active, storefront access and the order approval that applies', async () => {
    const cash$ = await signIn(app, 'cash');
    const count = (filter: Record<string, unknown>) => Customer.collection.countDocuments({ resellerId: cash, ...filter });
    const total = async (query: string, cookie = cash$) => {
      const res = await http.get(`/api/customers?limit=1&total=1&${query}`, cookie);
      expect(res.status).toBe(200);
      return res.body.total as number;
    };
    expect(await total('active=no')).toBe(await count({ active: false }));
    expect(await total('active=yes')).toBe(await count({ active: true }));
    expect(await total('storefrontAccess=yes')).toBe(await count({ storefrontAccess: true }));
    expect(await total('storefrontAccess=no&active=yes')).toBe(await count({ storefrontAccess: false, active: true }));
    expect(await total('approvalRequired=yes')).toBe(await count({ orderApprovalRequired: true }));
    expect(await total('approvalRequired=no')).toBe(await count({ orderApprovalRequired: false }));
    // A reseller paying by credit card: every customer needs approval, whatever its own setting.
    const card$ = await signIn(app, 'card');
    expect(await total('approvalRequired=yes', card$)).toBe(await Customer.collection.countDocuments({ resellerId: card }));
    expect(await total('approvalRequired=no', card$)).toBe(0);
    // The distributor across resellers: the card reseller's customers all count as required.
    const dist = await signIn(app, 'distributor');
    expect(await total('approvalRequired=no', dist)).toBe(
      await Customer.collection.countDocuments({ distributorId: demoId('distributor:northwind'), orderApprovalRequired: false, resellerId: { $ne: card } }),
    );
    expect((await http.get('/api/customers?active=maybe', cash$)).status).toBe(400);
    const first = await http.get('/api/customers?limit=2&active=yes', cash$);
    expect((await http.get(`/api/customers?limit=2&active=no&cursor=${first.body.nextCursor}`, cash$)).status).toBe(400);
  });

  it('refuses a cursor made for another sort or search', async () => {
    const cookie = await signIn(app, 'cash');
    const first = await http.get('/api/customers?sort=city&limit=5', cookie);
    const res = await http.get(`/api/customers?sort=email&limit=5&cursor=${first.body.nextCursor}`, cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.cursor).toBeDefined();
  });

  it('searches name, email, city, postcode and phone, case-insensitively', async () => {
    const cookie = await signIn(app, 'cash');
    const target = await Customer.collection.findOne({ _id: cashCustomer });
    for (const term of [target!.companyName.slice(0, 8).toUpperCase(), target!.email, target!.postcode, target!.phone.replace(/\D/g, '').slice(-6)]) {
      const res = await http.get(`/api/customers?search=${encodeURIComponent(term)}&limit=200`, cookie);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id), term).toContain(String(cashCustomer));
      expect(res.body.items.every((c: { resellerId: string }) => c.resellerId === String(cash))).toBe(true);
    }
  });

  it('finds a customer by one of its order numbers, but not by another tenant’s order number', async () => {
    const mine = await Order.collection.findOne({ resellerId: cash });
    const theirs = await Order.collection.findOne({ resellerId: card });
    const cookie = await signIn(app, 'cash');
    const found = await http.get(`/api/customers?search=${mine!.number}`, cookie);
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(String(mine!.customerId));
    const foreign = await http.get(`/api/customers?search=${theirs!.number}`, cookie);
    expect(foreign.body.items.map((c: { id: string }) => c.id)).not.toContain(String(theirs!.customerId));
  });

  it('gives the distributor every reseller’s customers with the reseller name, and filters by reseller', async () => {
    const cookie = await signIn(app, 'distributor');
    const all = await http.get('/api/customers?limit=1&total=1', cookie);
    expect(all.body.total).toBe(await Customer.collection.countDocuments({ distributorId: demoId('distributor:northwind') }));
    const filtered = await http.get(`/api/customers?resellerId=${card}&limit=200&total=1`, cookie);
    expect(filtered.body.total).toBe(await Customer.collection.countDocuments({ resellerId: card }));
    expect(filtered.body.items[0].resellerName).toBe('Cardinal IT Services');
  });

  it('shows a reseller nothing when it asks for another reseller’s customers', async () => {
    const res = await http.get(`/api/customers?resellerId=${card}&total=1`, await signIn(app, 'cash'));
    expect(res.body.total).toBe(0);
  });

  it('answers 400 with the field for a bad sort or limit', async () => {
    const res = await http.get('/api/customers?sort=passwordHash&limit=0', await signIn(app, 'cash'));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['limit', 'sort']);
  });
});

describe('GET /api/customers/stats', () => {
  it('computes the reseller’s own statistics', async () => {
    const res = await http.get('/api/customers/stats', await signIn(app, 'cash'));
    const mine = await Customer.collection.find({ resellerId: cash }).toArray();
    const transacting = mine.filter((c) => c.monthlyRunRateCents > 0);
    expect(res.body).toEqual({
      allCustomers: mine.length,
      transactingCustomers: transacting.length,
      monthlyRunRate: transacting.reduce((s, c) => s + c.monthlyRunRateCents, 0) / 100,
      currency: 'EUR',
      approvalRequiredForAll: false,
      paymentMethod: 'cash',
    });
  });

  it('says approval is required for all customers of a credit-card reseller only', async () => {
    expect((await http.get('/api/customers/stats', await signIn(app, 'card'))).body.approvalRequiredForAll).toBe(true);
    expect((await http.get('/api/customers/stats', await signIn(app, 'deposit'))).body.approvalRequiredForAll).toBe(false);
  });
});

describe('creating a customer', () => {
  it('answers 400 naming every missing field, and creates nothing', async () => {
    const cookie = await signIn(app, 'deposit');
    const before = await Customer.collection.countDocuments({});
    const res = await http.post('/api/customers', { companyName: ' ', email: 'nope' }, cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['address', 'city', 'companyName', 'country', 'email', 'phone', 'postcode', 'state']);
    expect(await Customer.collection.countDocuments({})).toBe(before);
  });

  it('refuses a NUL in any text (PostgreSQL cannot store it) with 400, not 500, and creates nothing', async () => {
    const cookie = await signIn(app, 'deposit');
    const before = await Customer.collection.countDocuments({});
    const res = await http.post('/api/customers', { ...NEW_CUSTOMER, companyName: 'Nul\u0000 Ltd' }, cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect((await http.get('/api/customers?search=a%00b', cookie)).status).toBe(400);
    expect(await Customer.collection.countDocuments({})).toBe(before);
  });

  it('creates it for the signed-in reseller, lists it at once, and records an audit event', async () => {
    const cookie = await signIn(app, 'deposit');
    const res = await http.post('/api/customers', NEW_CUSTOMER, cookie);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...NEW_CUSTOMER, resellerName: 'Depot Digital', active: true, revision: 1, storefrontAccess: false });
    const list = await http.get('/api/customers?search=zeta%20zoo', cookie);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect(await AuditEvent.collection.countDocuments({ action: 'customer.created', 'target.id': new Types.ObjectId(res.body.id as string) })).toBe(1);
  });

  it('refuses an email another customer of the same reseller uses, as a field error', async () => {
    const cookie = await signIn(app, 'cash');
    const existing = await Customer.collection.findOne({ resellerId: cash });
    const res = await http.post('/api/customers', { ...NEW_CUSTOMER, email: existing!.email.toUpperCase() }, cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.email).toMatch(/already uses this email/);
  });

  it('is 403 for a distributor and a storefront user', async () => {
    expect((await http.post('/api/customers', NEW_CUSTOMER, await signIn(app, 'distributor'))).status).toBe(403);
    expect((await http.post('/api/customers', NEW_CUSTOMER, await signIn(app, 'buyer'))).status).toBe(403);
  });
});

describe('one customer', () => {
  it('is 404 for another reseller’s customer, another distributor’s, an unknown id and a malformed id', async () => {
    const cookie = await signIn(app, 'cash');
    for (const id of [cardCustomer, otherCustomer, demoId('nobody')]) {
      const res = await http.get(`/api/customers/${id}`, cookie);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await http.get('/api/customers/not-an-id', cookie)).status).toBe(404);
  });

  it('is readable by the distributor, who may not edit', async () => {
    const cookie = await signIn(app, 'distributor');
    const res = await http.get(`/api/customers/${cashCustomer}`, cookie);
    expect(res.status).toBe(200);
    expect(res.body.abilities).toEqual({ edit: false, setActive: false, setOrderApproval: false, addStorefrontUser: false, openWorkspace: false, placeOrder: false, setWatchNote: false, viewAs: true, setCreditTerms: false });
    const edit = await http.put(`/api/customers/${cashCustomer}`, { ...NEW_CUSTOMER, revision: res.body.revision }, cookie);
    expect(edit.status).toBe(403);
    expect((await http.get(`/api/customers/${otherCustomer}`, cookie)).status).toBe(404);
  });

  it('updates with the current revision, then refuses the stale copy with 409', async () => {
    const cookie = await signIn(app, 'cash');
    const current = (await http.get(`/api/customers/${cashCustomer}`, cookie)).body;
    const fields = { companyName: current.companyName, email: current.email, phone: current.phone, address: current.address, city: 'Patras', country: current.country, state: current.state, postcode: current.postcode };
    const first = await http.put(`/api/customers/${cashCustomer}`, { ...fields, revision: current.revision }, cookie);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ city: 'Patras', revision: current.revision + 1 });
    const stale = await http.put(`/api/customers/${cashCustomer}`, { ...fields, city: 'Volos', revision: current.revision }, cookie);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale');
    expect((await Customer.collection.findOne({ _id: cashCustomer }))!.city).toBe('Patras');
    const audit = await AuditEvent.collection.findOne({ action: 'customer.updated', 'target.id': cashCustomer });
    expect(audit!.changes).toEqual({ city: { from: current.city, to: 'Patras' } });
  });

  it('answers 400 for an invalid field and changes nothing', async () => {
    const cookie = await signIn(app, 'cash');
    const current = (await http.get(`/api/customers/${cashCustomer}`, cookie)).body;
    const res = await http.put(`/api/customers/${cashCustomer}`, { ...NEW_CUSTOMER, phone: 'call me', revision: current.revision }, cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.phone).toBeDefined();
    expect((await Customer.collection.findOne({ _id: cashCustomer }))!.revision).toBe(current.revision);
  });

  it('is 404 when a reseller edits another reseller’s customer, and that customer stays as it was', async () => {
    const before = await Customer.collection.findOne({ _id: cardCustomer });
    const res = await http.put(`/api/customers/${cardCustomer}`, { ...NEW_CUSTOMER, revision: before!.revision }, await signIn(app, 'cash'));
    expect(res.status).toBe(404);
    expect(await Customer.collection.findOne({ _id: cardCustomer })).toEqual(before);
  });

  it('can be made inactive and active again', async () => {
    const cookie = await signIn(app, 'cash');
    let c = (await http.get(`/api/customers/${cashCustomer}`, cookie)).body;
    c = (await http.put(`/api/customers/${cashCustomer}/active`, { active: false, revision: c.revision }, cookie)).body;
    expect(c.active).toBe(false);
    c = (await http.put(`/api/customers/${cashCustomer}/active`, { active: true, revision: c.revision }, cookie)).body;
    expect(c.active).toBe(true);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': cashCustomer, action: { $in: ['customer.activated', 'customer.deactivated'] } })).toBe(2);
  });
});

describe('order approval (rule 1)', () => {
  it('is forced on for a credit-card reseller: shown on, and switching it off is 409 and changes nothing', async () => {
    const cookie = await signIn(app, 'card');
    await Customer.collection.updateOne({ _id: cardCustomer }, { $set: { orderApprovalRequired: false } });
    const shown = await http.get(`/api/customers/${cardCustomer}`, cookie);
    expect(shown.body.orderApproval).toMatchObject({ required: true, customerSetting: false, forcedByPaymentMethod: true });
    await Customer.collection.updateOne({ _id: cardCustomer }, { $set: { orderApprovalRequired: true } });
    const off = await http.put(`/api/customers/${cardCustomer}/order-approval`, { required: false }, cookie);
    expect(off.status).toBe(409);
    expect(off.body.error.message).toBe('The payment method set by your distributor requires order approval for all customers.');
    expect((await Customer.collection.findOne({ _id: cardCustomer }))!.orderApprovalRequired).toBe(true);
  });

  it('switches freely for a cash reseller, with an audit event for each change', async () => {
    const cookie = await signIn(app, 'cash');
    await Customer.collection.updateOne({ _id: cashCustomer }, { $set: { orderApprovalRequired: true } });
    const auditsBefore = await AuditEvent.collection.countDocuments({ 'target.id': cashCustomer, action: 'customer.order_approval_changed' });
    const off = await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: false }, cookie);
    expect(off.body.orderApproval).toMatchObject({ required: false, customerSetting: false, forcedByPaymentMethod: false });
    const on = await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: true }, cookie);
    expect(on.body.orderApproval.required).toBe(true);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': cashCustomer, action: 'customer.order_approval_changed' })).toBe(auditsBefore + 2);
  });

  it('follows a change of the payment method at once', async () => {
    const cookie = await signIn(app, 'cash');
    await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: false }, cookie);
    await Reseller.collection.updateOne({ _id: cash }, { $set: { paymentMethod: 'credit_card' } });
    try {
      const res = await http.get(`/api/customers/${cashCustomer}`, cookie);
      expect(res.body.orderApproval).toMatchObject({ required: true, customerSetting: false, forcedByPaymentMethod: true });
      expect((await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: false }, cookie)).status).toBe(409);
    } finally {
      await Reseller.collection.updateOne({ _id: cash }, { $set: { paymentMethod: 'cash' } });
    }
    expect((await http.get(`/api/customers/${cashCustomer}`, cookie)).body.orderApproval.required).toBe(false);
  });

  it('is 403 for the distributor and 404 for another reseller’s customer', async () => {
    expect((await http.put(`/api/customers/${cashCustomer}/order-approval`, { required: true }, await signIn(app, 'distributor'))).status).toBe(403);
    expect((await http.put(`/api/customers/${cardCustomer}/order-approval`, { required: true }, await signIn(app, 'cash'))).status).toBe(404);
  });
});
