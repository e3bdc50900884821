import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue, OrderStatus } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Product } from '../products/product.model.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { Order } from './order.model.js';
import { orderStatusDelta } from './order-figures.js';
import { pushFigureDelta } from '../figures/kept-figures.js';
import { settleFiguresOf } from '../figures/figure-sources.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const buyerCompany = demoId('customer:cash:0');
const cashCustomer = demoId('customer:cash:7');
const cookies = {} as Record<DemoAccount, string>;
let automatic: { _id: Types.ObjectId; unitCostCents: number };
let manualMonthly: { _id: Types.ObjectId; unitCostCents: number };
let foreignProduct: { _id: Types.ObjectId };

const key = () => randomUUID().replace(/-/g, '');
const cart = (...lines: [{ _id: Types.ObjectId }, number][]) => lines.map(([p, quantity]) => ({ productId: String(p._id), quantity }));

beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'otherDistributor', 'otherReseller'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  const northwind = demoId('distributor:northwind');
  automatic = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'automatic', active: true })) as never;
  manualMonthly = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'manual', billing: 'monthly', active: true })) as never;
  foreignProduct = (await Product.collection.findOne({ distributorId: demoId('distributor:contoso') })) as never;
  expect(automatic && manualMonthly && foreignProduct).toBeTruthy();
});

/** A fresh order of `customer` in `status`, placed by the reseller and then put in that state. */
async function orderIn(status: OrderStatus, customer = cashCustomer): Promise<string> {
  const res = await http.post('/api/orders', { customerId: String(customer), idempotencyKey: key(), lines: cart([manualMonthly, 2]) }, cookies.cash);
  expect(res.status).toBe(201);
  // Put in that state by hand, with the move of the kept counts it makes (the grids' totals read them).
  const id = new Types.ObjectId(res.body.id as string);
  const before = (await Order.collection.findOne({ _id: id }))!.status as OrderStatus;
  await Order.collection.updateOne({ _id: id }, { $set: { status }, $push: pushFigureDelta(orderStatusDelta(before, status)) as never });
  await settleFiguresOf(Order, id);
  return res.body.id as string;
}

const DECISION_ACTIONS = { accept: 'order.accepted', cancel: 'order.canceled', 'mark-executed': 'order.executed' } as const;
/** Audit events a decision on order `id` wrote. */
const decisionEvents = (id: string, decision: keyof typeof DECISION_ACTIONS) =>
  AuditEvent.collection.countDocuments({ 'target.id': new Types.ObjectId(id), action: DECISION_ACTIONS[decision] });

const noCost = (body: unknown) => !/"(totalCost|cost|unitCost|unitCostCents|totalCostCents|margin|markupPercent)"/.test(JSON.stringify(body));

describe('every transition, allowed and refused, per role and state', () => {
  // [who, decision, from] → expected answer (and the status after a success)
  const table: [DemoAccount, 'accept' | 'cancel' | 'mark-executed', OrderStatus, number, OrderStatus?][] = [
    ['cash', 'accept', 'pending_approval', 200, 'in_progress'],
    ['cash', 'accept', 'in_progress', 409],
    ['cash', 'accept', 'executed', 409],
    ['cash', 'accept', 'canceled', 409],
    ['cash', 'cancel', 'pending_approval', 200, 'canceled'],
    ['cash', 'cancel', 'in_progress', 409],
    ['cash', 'cancel', 'executed', 409],
    ['cash', 'mark-executed', 'in_progress', 403],
    ['distributor', 'accept', 'pending_approval', 403],
    ['distributor', 'cancel', 'pending_approval', 409],
    ['distributor', 'cancel', 'in_progress', 200, 'canceled'],
    ['distributor', 'cancel', 'canceled', 409],
    ['distributor', 'mark-executed', 'in_progress', 200, 'executed'],
    ['distributor', 'mark-executed', 'pending_approval', 409],
    ['distributor', 'mark-executed', 'executed', 409],
    // The buyer (its company's admin) on its company's orders placed by the reseller: the company's step only.
    ['buyer', 'accept', 'pending_approval', 403],
    ['buyer', 'cancel', 'pending_approval', 403],
    ['buyer', 'accept', 'pending_company_approval', 200, 'in_progress'],
    ['buyer', 'cancel', 'pending_company_approval', 200, 'canceled'],
    ['buyer', 'accept', 'executed', 409],
    ['cash', 'accept', 'pending_company_approval', 409],
    ['cash', 'cancel', 'pending_company_approval', 200, 'canceled'],
    ['card', 'accept', 'pending_approval', 404],
    ['otherDistributor', 'mark-executed', 'in_progress', 404],
  ];
  it.each(table)('%s %s on %s → %i', async (who, decision, from, expected, after) => {
    const id = await orderIn(from, who === 'buyer' ? buyerCompany : cashCustomer);
    const before = await http.get(`/api/orders/${id}`, cookies.cash);
    const res = await http.post(`/api/orders/${id}/${decision}`, { note: 'checked' }, cookies[who]);
    expect(res.status, JSON.stringify(res.body)).toBe(expected);
    const now = (await http.get(`/api/orders/${id}`, cookies.cash)).body;
    if (expected === 200) {
      expect(res.body.status).toBe(after);
      expect(now.history).toHaveLength(before.body.history.length + 1);
      expect(now.history.at(-1)).toMatchObject({ from, to: after, note: 'checked' });
      expect(await decisionEvents(id, decision)).toBe(1);
    } else {
      expect(now.status).toBe(from);
      expect(now.history).toHaveLength(before.body.history.length);
      if (expected === 409) expect(res.body.error.fields.status).toBe(from);
      expect(await decisionEvents(id, decision)).toBe(0);
    }
  });
});

describe('two people deciding the same order at once', () => {
  it('50 concurrent accepts: exactly one 200, 49 × 409, one decision in the history and one audit event', async () => {
    for (let round = 0; round < 2; round++) {
      const id = await orderIn('pending_approval');
      const answers = await Promise.all(Array.from({ length: 50 }, () => http.post(`/api/orders/${id}/accept`, {}, cookies.cash)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const order = (await http.get(`/api/orders/${id}`, cookies.cash)).body;
      expect(order.history.filter((h: { from: string }) => h.from === 'pending_approval')).toHaveLength(1);
      const stored = (await Order.collection.findOne({ number: order.number }))!;
      expect(await AuditEvent.collection.countDocuments({ 'target.id': stored._id, action: 'order.accepted' })).toBe(1);
    }
  });

  it('accept and cancel racing: one wins, the other is told the order changed', async () => {
    const id = await orderIn('pending_approval');
    const [a, c] = await Promise.all([http.post(`/api/orders/${id}/accept`, {}, cookies.cash), http.post(`/api/orders/${id}/cancel`, {}, cookies.cash)]);
    expect([a.status, c.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : c;
    expect(loser.body.error.message).toMatch(/changed/);
  });
});

describe('placing an order', () => {
  it('a storefront user’s order waits for approval when the customer needs it, at the customer’s price, with no cost in sight', async () => {
    const res = await http.post('/api/orders', { idempotencyKey: key(), lines: cart([automatic, 3]) }, cookies.buyer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_approval', customerId: String(buyerCompany), placedBy: { kind: 'customer' } });
    expect(noCost(res.body)).toBe(true);
    // The buyer's company is on the cash reseller's "Partner" level for every category (demo data).
    const catalogue = (await http.get('/api/catalogue', cookies.buyer)).body as Catalogue;
    const shown = catalogue.items.find((i) => i.id === String(automatic._id))!;
    expect(res.body.lines[0]).toMatchObject({ unitPrice: shown.unitPrice, levelName: 'Partner' });
  });

  it('without approval an all-automatic order is executed at once and counts in the run rate; a manual one is in progress', async () => {
    await Customer.collection.updateOne({ _id: cashCustomer }, { $set: { orderApprovalRequired: false } });
    const before = (await Customer.collection.findOne({ _id: cashCustomer }))!.monthlyRunRateCents as number;
    const auto = await http.post('/api/orders', { customerId: String(cashCustomer), idempotencyKey: key(), lines: cart([automatic, 1]) }, cookies.cash);
    expect(auto.body.status).toBe('executed');
    const manual = await http.post('/api/orders', { customerId: String(cashCustomer), idempotencyKey: key(), lines: cart([manualMonthly, 4]) }, cookies.cash);
    expect(manual.body.status).toBe('in_progress');
    expect(manual.body.placedBy.kind).toBe('reseller');
    // The distributor finishes the manual order: the customer's run rate takes its monthly amount.
    const done = await http.post(`/api/orders/${manual.body.id}/mark-executed`, {}, cookies.distributor);
    expect(done.status).toBe(200);
    const after = (await Customer.collection.findOne({ _id: cashCustomer }))!.monthlyRunRateCents as number;
    const monthlyAuto = auto.body.lines[0].billing === 'monthly' ? Math.round(auto.body.totalAmount * 100) : 0;
    expect(after).toBe(before + monthlyAuto + Math.round(manual.body.totalAmount * 100));
  });

  it('is idempotent per submit: the same key again, or fifty at once, makes one order', async () => {
    const body = { idempotencyKey: key(), lines: cart([automatic, 1]) };
    const first = await http.post('/api/orders', body, cookies.buyer);
    const again = await http.post('/api/orders', body, cookies.buyer);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const burst = { idempotencyKey: key(), lines: cart([automatic, 2]) };
    const answers = await Promise.all(Array.from({ length: 50 }, () => http.post('/api/orders', burst, cookies.buyer)));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(await Order.collection.countDocuments({ customerId: buyerCompany, 'history.0.at': { $exists: true }, number: answers[0]!.body.number })).toBe(1);
  });

  it('refuses a submit key used again for another cart with 409, and makes no second order', async () => {
    const idempotencyKey = key();
    const first = await http.post('/api/orders', { idempotencyKey, lines: cart([automatic, 1]) }, cookies.buyer);
    expect(first.status).toBe(201);
    for (const lines of [cart([automatic, 2]), cart([automatic, 1], [manualMonthly, 1])]) {
      const other = await http.post('/api/orders', { idempotencyKey, lines }, cookies.buyer);
      expect(other.status, JSON.stringify(other.body)).toBe(409);
      expect(other.body.error.message).toMatch(/another cart/);
    }
    expect(await Order.collection.countDocuments({ customerId: buyerCompany, number: first.body.number })).toBe(1);
    // The same cart again is still the same order.
    const again = await http.post('/api/orders', { idempotencyKey, lines: cart([automatic, 1]) }, cookies.buyer);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('refuses bad input with a clear 4xx and makes no order', async () => {
    const count = () => Order.collection.countDocuments({});
    const before = await count();
    const tries: [object, number, RegExp][] = [
      [{ idempotencyKey: key(), lines: [] }, 400, /empty/],
      [{ idempotencyKey: key(), lines: cart([automatic, 0]) }, 400, /invalid/],
      [{ idempotencyKey: key(), lines: cart([automatic, 10_001]) }, 400, /invalid/],
      [{ idempotencyKey: key(), lines: cart([automatic, 1.5]) }, 400, /invalid/],
      [{ idempotencyKey: key(), lines: cart([foreignProduct, 1]) }, 400, /catalogue/],
      [{ idempotencyKey: key(), lines: cart([automatic, 1], [automatic, 2]) }, 400, /invalid/],
      [{ idempotencyKey: 'short', lines: cart([automatic, 1]) }, 400, /invalid/],
      [{ customerId: String(demoId('customer:card:2')), idempotencyKey: key(), lines: cart([automatic, 1]) }, 404, /not found/],
    ];
    for (const [body, status, message] of tries) {
      const res = await http.post('/api/orders', body, cookies.buyer);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(JSON.stringify(res.body.error)).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('an inactive customer cannot order', async () => {
    const inactive = demoId('customer:cash:9');
    await Customer.collection.updateOne({ _id: inactive }, { $set: { active: false } });
    const res = await http.post('/api/orders', { customerId: String(inactive), idempotencyKey: key(), lines: cart([automatic, 1]) }, cookies.cash);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/inactive/);
  });
});

describe('what a storefront user sees', () => {
  it('never carries cost: the orders list, an order, the catalogue', async () => {
    const list = await http.get('/api/orders?limit=200', cookies.buyer);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((o: { customerId: string }) => o.customerId === String(buyerCompany))).toBe(true);
    const one = await http.get(`/api/orders/${list.body.items[0].id}`, cookies.buyer);
    const catalogue = await http.get('/api/catalogue', cookies.buyer);
    expect(catalogue.body.items.length).toBeGreaterThan(0);
    for (const body of [list.body, one.body, catalogue.body]) expect(noCost(body)).toBe(true);
    // Staff do see it.
    expect(noCost((await http.get('/api/catalogue', cookies.cash)).body)).toBe(false);
    expect(noCost((await http.get(`/api/orders/${list.body.items[0].id}`, cookies.cash)).body)).toBe(false);
  });
});

describe('lists', () => {
  it('pages the approvals queue oldest first by keyset, each page new, with the total on the first page only', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total: number | undefined;
    let last = '';
    do {
      // The first page asks for the view's count (total=1), as a grid does; the pages after it are counted nowhere.
      const q: string = `/api/orders?status=pending_approval&sort=orderedAt&limit=7${cursor ? `&cursor=${cursor}` : '&total=1'}`;
      const page: { body: { items: { id: string; orderedAt: string; status: string }[]; total?: number; nextCursor: string | null } } = await http.get(q, cookies.cash);
      if (cursor) expect(page.body).not.toHaveProperty('total');
      else total = page.body.total;
      for (const o of page.body.items) {
        expect(seen.has(o.id)).toBe(false);
        expect(o.status).toBe('pending_approval');
        expect(o.orderedAt >= last).toBe(true);
        last = o.orderedAt;
        seen.add(o.id);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);
    expect(total).toBe(await Order.collection.countDocuments({ resellerId: demoId('reseller:cash'), status: 'pending_approval' }));
  });

  it('counts a view only when asked: total=1 answers the count, no total answers none, anything else is a 400', async () => {
    const pending = await Order.collection.countDocuments({ resellerId: demoId('reseller:cash'), status: 'pending_approval' });
    const counted = await http.get('/api/orders?status=pending_approval&limit=1&total=1', cookies.cash);
    expect(counted.body.total).toBe(pending);
    const uncounted = await http.get('/api/orders?status=pending_approval&limit=1', cookies.cash);
    expect(uncounted.status).toBe(200);
    expect(uncounted.body).not.toHaveProperty('total');
    expect(uncounted.body.items).toEqual(counted.body.items);
    for (const bad of ['0', 'yes', '2']) expect((await http.get(`/api/orders?limit=1&total=${bad}`, cookies.cash)).status).toBe(400);
  });

  it('finds an order by the start of its number, and one customer’s orders only', async () => {
    const any = (await Order.collection.findOne({ customerId: cashCustomer }))!;
    const res = await http.get(`/api/orders?customerId=${cashCustomer}&search=${any.number.slice(0, -1).toLowerCase()}`, cookies.cash);
    expect(res.body.items.map((o: { number: string }) => o.number)).toContain(any.number);
    expect(res.body.items.every((o: { customerId: string }) => o.customerId === String(cashCustomer))).toBe(true);
  });
});

describe('the reseller’s Orders page: every order of its customers', () => {
  const cashReseller = demoId('reseller:cash');
  type Row = { id: string; customerId: string; resellerId: string; status: string; orderedAt: string; totalAmount: number; placedBy: { kind: string } };
  const list = async (q: string, who: DemoAccount = 'cash') => {
    const res = await http.get(`/api/orders?limit=200&total=1&${q}`, cookies[who]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: Row[]; total: number };
  };

  it('filters by who placed it, by customer and by status, together', async () => {
    for (const kind of ['customer', 'reseller'] as const) {
      const page = await list(`placedBy=${kind}`);
      expect(page.total).toBe(await Order.collection.countDocuments({ resellerId: cashReseller, 'placedBy.kind': kind }));
      expect(page.total).toBeGreaterThan(0);
      expect(page.items.every((o) => o.placedBy.kind === kind && o.resellerId === String(cashReseller))).toBe(true);
    }
    const both = await list(`placedBy=customer&customerId=${buyerCompany}&status=executed`);
    expect(both.total).toBe(await Order.collection.countDocuments({ customerId: buyerCompany, 'placedBy.kind': 'customer', status: 'executed' }));
    expect(both.items.every((o) => o.customerId === String(buyerCompany) && o.status === 'executed')).toBe(true);
  });

  it('filters by a period: from its start (inclusive) to its end (exclusive)', async () => {
    const all = (await list('sort=orderedAt')).items;
    const from = all[10]!.orderedAt;
    const to = all[40]!.orderedAt;
    const page = await list(`from=${from}&to=${to}`);
    expect(page.total).toBe(await Order.collection.countDocuments({ resellerId: cashReseller, orderedAt: { $gte: new Date(from), $lt: new Date(to) } }));
    expect(page.items.every((o) => o.orderedAt >= from && o.orderedAt < to)).toBe(true);
    expect(page.items.map((o) => o.orderedAt)).toContain(from);
    expect(page.items.map((o) => o.orderedAt)).not.toContain(to);
  });

  it('sorts by amount, largest first, and pages on by keyset without a row twice', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let last = Number.POSITIVE_INFINITY;
    do {
      const res: { body: { items: Row[]; nextCursor: string | null } } = await http.get(`/api/orders?status=pending_approval&sort=-totalAmount&limit=9${cursor ? `&cursor=${cursor}` : ''}`, cookies.cash);
      for (const o of res.body.items) {
        expect(seen.has(o.id)).toBe(false);
        expect(o.totalAmount).toBeLessThanOrEqual(last);
        last = o.totalAmount;
        seen.add(o.id);
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(await Order.collection.countDocuments({ resellerId: cashReseller, status: 'pending_approval' }));
  });

  it('another reseller’s customer finds nothing; bad filters are a clear 400', async () => {
    expect((await list(`customerId=${demoId('customer:card:2')}`)).total).toBe(0);
    for (const q of ['placedBy=someone', 'from=yesterday', 'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'sort=-placedBy']) {
      const res = await http.get(`/api/orders?${q}`, cookies.cash);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});

describe('bulk decisions', () => {
  it('decides each order on its own and says which had changed or were not found', async () => {
    const waiting = await orderIn('pending_approval');
    const decided = await orderIn('canceled');
    const foreign = (await Order.collection.findOne({ resellerId: demoId('reseller:card'), status: 'pending_approval' }))!;
    const res = await http.post('/api/orders/decisions', { decision: 'accept', ids: [waiting, decided, String(foreign._id)], note: 'Batch' }, cookies.cash);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: waiting, outcome: 'done', status: 'in_progress', message: null },
      { id: decided, outcome: 'changed', status: 'canceled', message: expect.stringMatching(/changed/) },
      { id: String(foreign._id), outcome: 'not_found', status: null, message: expect.any(String) },
    ]);
    expect((await Order.collection.findOne({ _id: foreign._id }))!.status).toBe('pending_approval');
  });
});
