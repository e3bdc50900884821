import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { whenDeliveriesSettled } from '../deliveries/courier.js';
import { Delivery } from '../deliveries/delivery.model.js';
import type { Mailer } from '../mail/mailer.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { Product } from '../products/product.model.js';
import { api, buildTestApp, courierOf, DEMO_ACCOUNTS, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { Order } from './order.model.js';
import type { StoredOrder } from './order.service.js';

useTestDatabase();
const ORIGIN = 'https://admin.example.test';
const app = buildTestApp(undefined, { PUBLIC_ORIGIN: ORIGIN });
const http = api(app);
const cashReseller = demoId('reseller:cash');
const buyerCompany = demoId('customer:cash:0');
const cookies = {} as Record<DemoAccount, string>;
let automatic: { _id: Types.ObjectId };
let manual: { _id: Types.ObjectId };

const key = () => randomUUID().replace(/-/g, '');
const cart = (product: { _id: Types.ObjectId }, quantity: number) => [{ productId: String(product._id), quantity }];
const mailTo = (to: string) => OutboxMessage.find({ to }).sort({ createdAt: 1, _id: 1 }).lean();
/** The buyer's "order received" receipt (its own test below); the others are about approval and decisions. */
const received = (m: { subject: string }) => /^Wir haben Ihre Bestellung|^We received your order|^Λάβαμε την παραγγελία/.test(m.subject);
const about = async (number: string) => (await OutboxMessage.find({ subject: { $regex: number } }).lean()).filter((m) => !received(m));

/** Two more staff users of the cash reseller: one active (reads Greek), one deactivated. */
async function addStaff(email: string, state: 'active' | 'deactivated', language: string) {
  const now = new Date();
  await User.collection.insertOne({
    _id: new Types.ObjectId(), email, loginRealm: 'staff', passwordHash: null, role: 'reseller', distributorId: demoId('distributor:northwind'),
    resellerId: cashReseller, customerId: null, firstName: 'Staff', lastName: state, language, dateFormat: 'DD/MM/YYYY', state, lastSignInAt: null, createdAt: now, updatedAt: now,
  });
}

async function place(lines: ReturnType<typeof cart>, cookie: string, customerId?: string) {
  const res = await http.post('/api/orders', { idempotencyKey: key(), lines, ...(customerId ? { customerId } : {}) }, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await whenDeliveriesSettled();
  return res.body as { id: string; number: string; status: string };
}

async function decide(id: string, decision: 'accept' | 'cancel' | 'mark-executed', who: DemoAccount, note?: string) {
  const res = await http.post(`/api/orders/${id}/${decision}`, note ? { note } : {}, cookies[who]);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await whenDeliveriesSettled();
  return res.body as { status: string };
}

/** The order as stored (the raw driver: a test reads across tenants). */
const stored = async (id: string) => (await Order.collection.findOne({ _id: new Types.ObjectId(id) })) as unknown as StoredOrder;

/** Every way a cost could be written: the total and each line's unit cost, as figures and in words. */
async function expectNoCost(id: string, message: { text: string; html: string }) {
  const order = await stored(id);
  const figures = [order.totalCostCents, ...order.lines.map((l) => l.unitCostCents), ...order.lines.map((l) => l.unitCostCents * l.quantity)].map((c) => (c / 100).toFixed(2));
  for (const body of [message.text, message.html.replace(/<[^>]*>/g, ' ')]) {
    expect(body).not.toMatch(/cost|kosten|κόστος|margin|marge|markup|aufschlag/i);
    for (const f of figures) {
      expect(body).not.toContain(f);
      expect(body).not.toContain(f.replace('.', ','));
    }
  }
}

beforeAll(async () => {
  await addStaff('second.cash@demo.example', 'active', 'el');
  await addStaff('gone.cash@demo.example', 'deactivated', 'en');
  // The buyer reads German: the decision emails must come in it.
  await User.collection.updateOne({ email: DEMO_ACCOUNTS.buyer }, { $set: { language: 'de' } });
  for (const who of ['cash', 'card', 'distributor', 'buyer'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  const northwind = demoId('distributor:northwind');
  automatic = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'automatic', active: true })) as never;
  manual = (await Product.collection.findOne({ distributorId: northwind, provisioning: 'manual', active: true })) as never;
  expect(automatic && manual).toBeTruthy();
});

describe('an order starts waiting for approval', () => {
  it('every active staff user of the reseller gets an email with the customer, number, lines, total and link; nobody else', async () => {
    const order = await place(cart(automatic, 3), cookies.buyer);
    expect(order.status).toBe('pending_approval');

    const staff = await User.collection.find({ role: 'reseller', resellerId: cashReseller, state: 'active' }).toArray();
    expect(staff.map((u) => u.email).sort()).toEqual([DEMO_ACCOUNTS.cash, 'second.cash@demo.example']);
    const messages = await about(order.number);
    expect(messages.map((m) => m.to).sort()).toEqual(staff.map((u) => u.email).sort());

    const detail = (await http.get(`/api/orders/${order.id}`, cookies.cash)).body;
    const link = `${ORIGIN}/reseller/orders/${order.id}`;
    for (const m of messages) {
      expect(m.resellerId?.toHexString()).toBe(cashReseller.toHexString());
      for (const body of [m.text, m.html]) {
        expect(body).toContain(order.number);
        expect(body).toContain('Blue Harbor Trading Ltd');
        expect(body).toContain(detail.lines[0].name);
        expect(body).toContain(link);
      }
      expect(m.text).toContain(`3 × ${detail.lines[0].name}`);
    }
    const english = messages.find((m) => m.to === DEMO_ACCOUNTS.cash)!;
    expect(english.subject).toBe(`Order ${order.number} from Blue Harbor Trading Ltd is waiting for your approval`);
    expect(english.text).toContain(`Total amount: ${new Intl.NumberFormat('en-GB', { style: 'currency', currency: detail.currency }).format(detail.totalAmount)}`);
    expect(messages.find((m) => m.to === 'second.cash@demo.example')!.subject).toMatch(/περιμένει την έγκρισή σας/);
  });

  it('an order placed by the reseller on the customer’s behalf waits for nobody and sends no email', async () => {
    const before = await OutboxMessage.countDocuments();
    const order = await place(cart(manual, 1), cookies.cash, String(buyerCompany));
    expect(order.status).toBe('in_progress');
    await decide(order.id, 'mark-executed', 'distributor');
    expect(await OutboxMessage.countDocuments()).toBe(before);
  });
});

describe('an order is decided', () => {
  it('accepted: the buyer gets an email in their language with the new status, the link, and no cost', async () => {
    const order = await place(cart(automatic, 2), cookies.buyer);
    const decided = await decide(order.id, 'accept', 'cash');
    expect(decided.status).toBe('executed');

    const [message, ...more] = (await mailTo(DEMO_ACCOUNTS.buyer)).filter((m) => m.subject.includes(order.number) && !received(m));
    expect(more).toHaveLength(0);
    expect(message!.subject).toBe(`Ihre Bestellung ${order.number}: Ausgeführt`);
    expect(message!.text).toContain('„Ausgeführt“');
    expect(message!.text).toContain(`${ORIGIN}/storefront/orders/${order.id}`);
    expect(message!.html).toContain(`${ORIGIN}/storefront/orders/${order.id}`);
    expect(message!.text).toContain('Gesamtbetrag');
    await expectNoCost(order.id, message!);
  });

  it('placed: the buyer gets "order received" in their language, with its status and the link', async () => {
    const order = await place(cart(automatic, 1), cookies.buyer);
    await whenDeliveriesSettled();
    const receipts = (await mailTo(DEMO_ACCOUNTS.buyer)).filter((m) => m.subject.includes(order.number) && received(m));
    expect(receipts.map((m) => m.subject)).toEqual([`Wir haben Ihre Bestellung ${order.number} erhalten`]);
    expect(receipts[0]!.text).toContain('„Wartet auf Freigabe“');
    expect(receipts[0]!.text).toContain(`${ORIGIN}/storefront/orders/${order.id}`);
    await expectNoCost(order.id, receipts[0]!);
  });

  it('accepted into progress, then executed by the distributor: one email for each step', async () => {
    const order = await place(cart(manual, 1), cookies.buyer);
    expect((await decide(order.id, 'accept', 'cash')).status).toBe('in_progress');
    expect((await decide(order.id, 'mark-executed', 'distributor')).status).toBe('executed');
    const subjects = (await mailTo(DEMO_ACCOUNTS.buyer)).filter((m) => m.subject.includes(order.number) && !received(m)).map((m) => m.subject);
    expect(subjects).toEqual([`Ihre Bestellung ${order.number}: In Bearbeitung`, `Ihre Bestellung ${order.number}: Ausgeführt`]);
  });

  it('canceled with a note: the note is in the email, escaped in its HTML', async () => {
    const order = await place(cart(automatic, 1), cookies.buyer);
    await decide(order.id, 'cancel', 'cash', 'Over budget <this month> & next');
    const [message] = (await mailTo(DEMO_ACCOUNTS.buyer)).filter((m) => m.subject.includes(order.number) && !received(m));
    expect(message!.subject).toBe(`Ihre Bestellung ${order.number}: Storniert`);
    expect(message!.text).toContain('Anmerkung: Over budget <this month> & next');
    expect(message!.html).toContain('Anmerkung: Over budget &lt;this month&gt; &amp; next');
    expect(message!.html).not.toContain('<this month>');
    await expectNoCost(order.id, message!);
  });

  it('decided in bulk: each decided order sends its own email', async () => {
    const a = await place(cart(automatic, 1), cookies.buyer);
    const b = await place(cart(automatic, 2), cookies.buyer);
    const res = await http.post('/api/orders/decisions', { ids: [a.id, b.id], decision: 'cancel', note: 'Duplicate' }, cookies.cash);
    expect(res.status).toBe(200);
    await whenDeliveriesSettled();
    const mine = await mailTo(DEMO_ACCOUNTS.buyer);
    for (const o of [a, b]) {
      const m = mine.filter((x) => x.subject.includes(o.number) && !received(x));
      expect(m).toHaveLength(1);
      expect(m[0]!.text).toContain('Anmerkung: Duplicate');
    }
  });

  it('a storefront user who is no longer active gets nothing', async () => {
    const order = await place(cart(automatic, 1), cookies.buyer);
    await User.collection.updateOne({ email: DEMO_ACCOUNTS.buyer }, { $set: { state: 'deactivated' } });
    try {
      await decide(order.id, 'accept', 'cash');
    } finally {
      await User.collection.updateOne({ email: DEMO_ACCOUNTS.buyer }, { $set: { state: 'active' } });
    }
    expect((await mailTo(DEMO_ACCOUNTS.buyer)).filter((m) => m.subject.includes(order.number) && !received(m))).toHaveLength(0);
  });
});

describe('the mail never fails or holds up the order', () => {
  it('with a mailer whose every send fails, placing and deciding still succeed', async () => {
    const failing: Mailer = { kind: 'outbox', send: () => Promise.reject(new Error('SMTP is down')) };
    const broken = buildTestApp(undefined, {}, { mailer: failing });
    const buyer = await signIn(broken, 'buyer');
    const cash = await signIn(broken, 'cash');
    const placed = await api(broken).post('/api/orders', { idempotencyKey: key(), lines: cart(automatic, 1) }, buyer);
    expect(placed.status).toBe(201);
    const accepted = await api(broken).post(`/api/orders/${placed.body.id}/accept`, {}, cash);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('executed');
    await whenDeliveriesSettled();
    expect((await stored(placed.body.id)).status).toBe('executed');
  });

  it('the answer does not wait for the mail server', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const stalled: Mailer = { kind: 'outbox', send: async (m) => { await gate; sent.push(m.subject); } };
    const slow = buildTestApp(undefined, {}, { mailer: stalled });
    const buyer = await signIn(slow, 'buyer');
    const cash = await signIn(slow, 'cash');
    const placed = await api(slow).post('/api/orders', { idempotencyKey: key(), lines: cart(automatic, 1) }, buyer);
    expect(placed.status).toBe(201);
    const delivering = courierOf(slow).drain(); // every send now waits at the gate
    const accepted = await api(slow).post(`/api/orders/${placed.body.id}/accept`, {}, cash);
    expect(accepted.status).toBe(200);
    expect(sent).toHaveLength(0); // both answers came while the sends were still waiting
    release();
    await delivering;
    await courierOf(slow).drain();
    expect(sent.filter((s) => s.includes(placed.body.number))).toHaveLength(4); // two staff and the buyer's receipt, then the buyer
  });

  it('a failed send is kept with its error and retried later, never thrown', async () => {
    const failing: Mailer = { kind: 'smtp', send: () => Promise.reject(new Error('SMTP is down')) };
    const broken = buildTestApp(undefined, {}, { mailer: failing });
    const placed = await api(broken).post('/api/orders', { idempotencyKey: key(), lines: cart(automatic, 1) }, await signIn(broken, 'buyer'));
    expect(placed.status).toBe(201);
    const accepted = await api(broken).post(`/api/orders/${placed.body.id}/accept`, {}, await signIn(broken, 'cash'));
    expect(accepted.status).toBe(200);
    const before = new Date();
    await courierOf(broken).drain();
    const queued = await Delivery.collection.find({ 'mail.subject': { $regex: placed.body.number } }).toArray();
    expect(queued.map((d) => d.topic).sort()).toEqual(['order.decided', 'order.received', 'order.waiting', 'order.waiting']);
    for (const d of queued) {
      expect(d).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'SMTP is down' });
      expect(d.nextAttemptAt.getTime()).toBeGreaterThan(before.getTime());
    }
  });
});
