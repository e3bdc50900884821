import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventRow } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { downloadXlsx } from '../test/xlsx-download.js';
import { AuditEvent } from '../audit/audit-event.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cashCustomer = demoId('customer:cash:1');
const cashCustomer2 = demoId('customer:cash:2');
const cardCustomer = demoId('customer:card:1');
const otherCustomer = demoId('customer:other:1');
const BROWSER = 'Mozilla/5.0 (AuditTest) Chromium/140';

const cookies = {} as Record<DemoAccount, string>;
const fieldsOf = async (id: typeof cashCustomer) => {
  const c = (await Customer.collection.findOne({ _id: id }))!;
  return { companyName: c.companyName, email: c.email, phone: c.phone, address: c.address, city: c.city, country: c.country, state: c.state, postcode: c.postcode, revision: c.revision };
};
const editCity = async (who: DemoAccount, id: typeof cashCustomer, city: string) => {
  const res = await http.put(`/api/customers/${id}`, { ...(await fieldsOf(id)), city }, cookies[who]).set('User-Agent', BROWSER);
  expect(res.status).toBe(200);
};
const list = async (who: DemoAccount, query = '') => {
  // A view's first page asks for its count, as the grid does; the pages after it do not.
  const res = await http.get(`/api/audit-events${query}${query.includes('cursor=') ? '' : `${query.includes('?') ? '&' : '?'}total=1`}`, cookies[who]);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: AuditEventRow[]; total: number; nextCursor: string | null };
};
/** Every page of a view, following the cursors. */
const allPages = async (who: DemoAccount, query: string, limit: number) => {
  const rows: AuditEventRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(who, `?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
};

beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'otherDistributor', 'otherReseller'] as const) cookies[who] = await signIn(app, who);
  const before = (await Customer.collection.findOne({ _id: cashCustomer }))!.city as string;
  await editCity('cash', cashCustomer, 'Volos');
  await editCity('cash', cashCustomer2, 'Larissa');
  await editCity('card', cardCustomer, 'Patras');
  await editCity('otherReseller', otherCustomer, 'Lyon');
  expect(before).not.toBe('Volos');
});

describe('GET /api/audit-events', () => {
  it('is 401 without a session and 403 for a storefront user', async () => {
    expect((await http.get('/api/audit-events')).status).toBe(401);
    const refused = await http.get('/api/audit-events', cookies.buyer);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('shows who, what (each changed field before → after), when and from where', async () => {
    const { items } = await list('cash', `?targetId=${cashCustomer}`);
    const event = items.find((e) => e.action === 'customer.updated')!;
    expect(event).toBeDefined();
    expect(event.actor).toMatchObject({ email: DEMO_ACCOUNTS.cash, role: 'reseller' });
    expect(event.actor.name.length).toBeGreaterThan(0);
    expect(event.changes).toEqual([{ field: 'city', from: expect.any(String), to: 'Volos' }]);
    expect(event.changes[0]!.from).not.toBe('Volos');
    expect(event.target).toEqual({ type: 'customer', id: String(cashCustomer), label: expect.any(String) });
    expect(event.customerId).toBe(String(cashCustomer));
    expect(event.customerName).toBe(event.target.label);
    expect(Date.now() - Date.parse(event.at)).toBeLessThan(120_000);
    expect(event.userAgent).toBe(BROWSER);
    expect(event.ip).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    // The actor's id is not shown (a distributor's staff acting on a reseller's order stays a name).
    expect(JSON.stringify(event.actor)).not.toMatch(/[0-9a-f]{24}/);
  });

  it('keeps each reseller to its own subtree, each distributor to its own tree', async () => {
    const ofCustomer = (rows: AuditEventRow[], id: typeof cashCustomer) => rows.filter((e) => e.customerId === String(id)).length;
    const cash = await allPages('cash', 'sort=-at', 200);
    const card = await allPages('card', 'sort=-at', 200);
    const northwind = await allPages('distributor', 'sort=-at', 200);
    const contoso = await allPages('otherDistributor', 'sort=-at', 200);
    expect(ofCustomer(cash, cashCustomer)).toBeGreaterThan(0);
    expect(ofCustomer(cash, cardCustomer) + ofCustomer(cash, otherCustomer)).toBe(0);
    expect(ofCustomer(card, cardCustomer)).toBeGreaterThan(0);
    expect(ofCustomer(card, cashCustomer) + ofCustomer(card, otherCustomer)).toBe(0);
    expect(ofCustomer(northwind, cashCustomer) * ofCustomer(northwind, cardCustomer)).toBeGreaterThan(0);
    expect(ofCustomer(northwind, otherCustomer)).toBe(0);
    expect(ofCustomer(contoso, otherCustomer)).toBeGreaterThan(0);
    expect(ofCustomer(contoso, cashCustomer) + ofCustomer(contoso, cardCustomer)).toBe(0);
    // A filter naming another tenant's customer finds nothing rather than widening anything.
    expect((await list('card', `?customerId=${cashCustomer}`)).total).toBe(0);
    expect((await list('otherReseller', `?targetId=${cashCustomer}`)).total).toBe(0);
  });

  it('filters by customer, actor (name or email), action and time range', async () => {
    const byCustomer = await list('cash', `?customerId=${cashCustomer2}`);
    expect(byCustomer.total).toBeGreaterThan(0);
    expect(byCustomer.items.every((e) => e.customerId === String(cashCustomer2))).toBe(true);

    const byEmail = await list('distributor', `?actor=${encodeURIComponent('RESELLER.CARD@')}`);
    expect(byEmail.total).toBeGreaterThan(0);
    expect(byEmail.items.every((e) => e.actor.email === DEMO_ACCOUNTS.card)).toBe(true);
    const someName = byEmail.items[0]!.actor.name;
    expect((await list('distributor', `?actor=${encodeURIComponent(someName.slice(0, 4))}`)).items.some((e) => e.actor.name === someName)).toBe(true);
    // The actor text is matched literally, never as a pattern.
    expect((await list('distributor', '?actor=.*')).total).toBe(0);

    const approvals = await list('cash', '?action=customer.order_approval_changed');
    expect(approvals.items.every((e) => e.action === 'customer.order_approval_changed')).toBe(true);
    expect((await list('cash', '?action=customer.updated')).total).toBeGreaterThanOrEqual(2);

    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect((await list('cash', `?from=${iso(now - 3_600_000)}&to=${iso(now + 60_000)}&action=customer.updated`)).total).toBeGreaterThanOrEqual(2);
    expect((await list('cash', `?from=${iso(now + 60_000)}`)).total).toBe(0);
    expect((await list('cash', `?to=${iso(now - 3_600_000)}&action=customer.updated`)).total).toBe(0);
  });

  it('names the reseller of each event and filters by it, for the distributor; another tree\'s reseller finds nothing', async () => {
    const cashReseller = String(demoId('reseller:cash'));
    const cardReseller = String(demoId('reseller:card'));
    const cash = await list('distributor', `?resellerId=${cashReseller}&limit=200`);
    expect(cash.total).toBeGreaterThan(0);
    expect(cash.items.every((e) => e.resellerId === cashReseller)).toBe(true);
    const cashName = cash.items[0]!.resellerName;
    expect(cashName).toBeTruthy();
    expect(cash.items.every((e) => e.resellerName === cashName)).toBe(true);
    expect(cash.items.some((e) => e.customerId === String(cashCustomer))).toBe(true);
    const card = await list('distributor', `?resellerId=${cardReseller}&limit=200`);
    expect(card.items.every((e) => e.resellerId === cardReseller && e.resellerName !== cashName)).toBe(true);
    expect(card.items.some((e) => e.customerId === String(cardCustomer))).toBe(true);
    // A reseller naming its sibling, or a distributor naming another tree's reseller, sees nothing.
    expect((await list('card', `?resellerId=${cashReseller}`)).total).toBe(0);
    expect((await list('otherDistributor', `?resellerId=${cashReseller}`)).total).toBe(0);
    expect((await list('cash', `?resellerId=${cashReseller}`)).total).toBe(cash.total);
  });

  it('refuses bad filters with 400 and the fields named', async () => {
    for (const [query, field] of [
      ['?action=customer.exploded', 'action'],
      ['?customerId=nope', 'customerId'],
      ['?from=yesterday', 'from'],
      ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['?sort=actor', 'sort'],
    ] as const) {
      const res = await http.get(`/api/audit-events${query}`, cookies.cash);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}), query).toContain(field);
    }
    // An operator in a parameter's name is refused by the input guard, never read as a filter.
    const injected = await http.get('/api/audit-events?actor[$ne]=x', cookies.cash);
    expect(injected.status).toBe(400);
    expect(injected.body.error.code).toBe('bad_request');
  });

  it('pages by keyset, newest first or oldest first, every event exactly once, with the total', async () => {
    // A few more events on one customer, so that there are several pages.
    for (const required of [true, false, true, false, true]) {
      expect((await http.put(`/api/customers/${cashCustomer2}/order-approval`, { required }, cookies.cash)).status).toBe(200);
    }
    const query = `customerId=${cashCustomer2}`;
    const { total } = await list('cash', `?${query}&limit=1`);
    const newest = await allPages('cash', `${query}&sort=-at`, 2);
    const oldest = await allPages('cash', `${query}&sort=at`, 3);
    expect(newest).toHaveLength(total);
    expect(new Set(newest.map((e) => e.id)).size).toBe(total);
    expect(oldest.map((e) => e.id)).toEqual([...newest].reverse().map((e) => e.id));
    const times = newest.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A cursor belongs to its view.
    const page = await list('cash', `?${query}&limit=2`);
    const misused = await http.get(`/api/audit-events?action=customer.updated&limit=2&cursor=${encodeURIComponent(page.nextCursor!)}`, cookies.cash);
    expect(misused.status).toBe(400);
  });
});

describe('GET /api/audit-events/export.xlsx', () => {
  it('holds exactly the rows of the log’s current view, in its order, with before → after; none for a storefront user', async () => {
    const query = `customerId=${cashCustomer2}&sort=-at`;
    const [rows, file] = await Promise.all([allPages('cash', query, 200), downloadXlsx(app, `/api/audit-events/export.xlsx?${query}`, cookies.cash)]);
    expect(file.res.status).toBe(200);
    expect(String(file.res.headers['content-disposition'])).toMatch(/filename="AuditLog-\d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(rows.length).toBeGreaterThan(0);
    const col = (name: string) => file.header.indexOf(name);
    expect(file.rows.map((r) => (r[col('When')] as Date).toISOString().slice(0, 16))).toEqual(rows.map((e) => e.at.slice(0, 16)));
    expect(file.rows.map((r) => r[col('Customer')])).toEqual(rows.map((e) => e.customerName ?? ''));
    // The reseller column is the distributor's: a reseller's own log would repeat its name on every row.
    expect(col('Reseller')).toBe(-1);
    const wide = `resellerId=${String(demoId('reseller:cash'))}&action=customer.updated`;
    const [distributorRows, distributorFile] = await Promise.all([allPages('distributor', wide, 200), downloadXlsx(app, `/api/audit-events/export.xlsx?${wide}`, cookies.distributor)]);
    expect(distributorRows.length).toBeGreaterThan(0);
    const resellerCol = distributorFile.header.indexOf('Reseller');
    expect(distributorFile.rows.map((r) => r[resellerCol])).toEqual(distributorRows.map((e) => e.resellerName));
    expect(file.rows.some((r) => String(r[col('Changes')]).includes('→ Larissa'))).toBe(true);
    // Another reseller's view of the same customer id is empty; a storefront user is refused.
    const card = await downloadXlsx(app, `/api/audit-events/export.xlsx?${query}`, cookies.card);
    expect(card.rows).toEqual([]);
    expect((await http.get(`/api/audit-events/export.xlsx?${query}`, cookies.buyer)).status).toBe(403);
  });
});

describe('audit events carry the tenant fields the log is scoped by', () => {
  it('names the reseller and the customer of every event about a customer, its users or its orders', async () => {
    // Events of every kind the app writes from these sessions: a new customer, a storefront user, an order and a decision.
    const created = await http.post('/api/customers', { companyName: 'Audit Trail Ltd', email: 'trail@audit.example', phone: '+30 210 1111111', address: '1 Log Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552' }, cookies.cash);
    expect(created.status).toBe(201);
    const user = await http.post(`/api/customers/${created.body.id}/storefront-users`, { firstName: 'Ada', lastName: 'Trail', email: 'ada@audit.example', language: 'en', dateFormat: 'DD/MM/YYYY' }, cookies.cash);
    expect(user.status).toBe(201);
    const waiting = await Order.collection.findOne({ resellerId: demoId('reseller:cash'), status: 'pending_approval' });
    expect((await http.post(`/api/orders/${String(waiting!._id)}/accept`, {}, cookies.cash)).status).toBe(200);

    const events = await AuditEvent.collection.find({ 'target.type': { $in: ['customer', 'storefront_user', 'order'] } }).toArray();
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (const e of events) {
      expect(e.resellerId, `${e.action} names its reseller`).toBeTruthy();
      expect(e.customerId, `${e.action} names its customer`).toBeTruthy();
      expect(e.target.label, `${e.action} names its object`).toBeTruthy();
      expect(e.actor.email, `${e.action} names its actor's email`).toBeTruthy();
    }
    const rows = await list('cash', `?customerId=${created.body.id}`);
    expect(rows.items.map((e) => e.action).sort()).toEqual(['customer.created', 'storefront_user.created']);
    const accepted = (await list('cash', `?targetId=${String(waiting!._id)}`)).items[0]!;
    expect(accepted).toMatchObject({ action: 'order.accepted', target: { type: 'order', label: waiting!.number }, customerName: waiting!.customerName });
    expect(accepted.changes).toEqual([{ field: 'status', from: 'pending_approval', to: expect.any(String) }]);
  });
});
