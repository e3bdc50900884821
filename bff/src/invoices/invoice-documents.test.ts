import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { whenDeliveriesSettled } from '../deliveries/courier.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { sweepPendingDeliveries } from '../deliveries/delivery-outbox.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { downloadPdf, oneSpace } from '../test/pdf-download.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { invoiceIdFor, issueInvoiceForOrder } from './issue-invoice.js';
import { Invoice } from './invoice.model.js';

useTestDatabase();
const ORIGIN = 'https://admin.example.test';
const app = buildTestApp(undefined, { PUBLIC_ORIGIN: ORIGIN });
const http = api(app);
/** Blue Harbor: its admin is buyer@demo.example, its accounts user accounts@demo.example. */
const blueHarbor = demoId('customer:cash:0');
const ACCOUNTS = 'accounts@demo.example';
const cookies = {} as Record<DemoAccount | 'accounts' | 'bob', string>;
let manual: { _id: Types.ObjectId };
/** The distributor's cost of the test lines' product, set to a figure found nowhere else: 7.77 a unit. */
const UNIT_COST_CENTS = 777;

beforeAll(async () => {
  for (const who of ['cash', 'distributor', 'buyer', 'otherReseller', 'card'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  cookies.accounts = await signIn(app, ACCOUNTS);
  cookies.bob = await signIn(app, 'bob.buyer@demo.example');
  manual = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'manual', active: true })) as never;
});

const setLanguage = (email: string, language: string) => User.collection.updateOne({ email }, { $set: { language } });

/** An order of `customer` in progress with one one-time line (3 × 10.49, cost 7.77 a unit); answers its id. */
async function inProgressOrder(customer = blueHarbor): Promise<Types.ObjectId> {
  const res = await http.post('/api/orders', { customerId: String(customer), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(manual._id), quantity: 3 }] }, cookies.cash);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = new Types.ObjectId(res.body.id as string);
  const order = (await Order.collection.findOne({ _id: id }))!;
  const lines = [{ ...order.lines[0], name: 'Αρχειοθέτηση Plus Größe', billing: 'one_time', quantity: 3, unitPriceCents: 1049, unitCostCents: UNIT_COST_CENTS }];
  await Order.collection.updateOne({ _id: id }, { $set: { status: 'in_progress', lines, totalCostCents: 3 * UNIT_COST_CENTS } });
  return id;
}

/** Executes an order through the API (which issues its invoice) and answers the invoice as stored. */
async function executedInvoice(customer = blueHarbor) {
  const id = await inProgressOrder(customer);
  const res = await http.post(`/api/orders/${id}/mark-executed`, {}, cookies.distributor);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await whenDeliveriesSettled();
  return (await Invoice.collection.findOne({ _id: invoiceIdFor(id) }))!;
}

const pdfOf = (id: unknown, who: keyof typeof cookies) => downloadPdf(app, `/api/invoices/${String(id)}/pdf`, cookies[who]);
/** Every way the cost could be written: 7.77 a unit, 23.31 the line, with a point or a comma. */
const COST_FIGURES = ['7.77', '7,77', '23.31', '23,31'];
const money = (cents: number, locale: string) => oneSpace(new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100));

describe('an invoice’s PDF', () => {
  it('is a PDF named after its number, in English: number, buyer, the line, the totals, never the cost', async () => {
    await setLanguage(ACCOUNTS, 'en');
    const inv = await executedInvoice();
    expect(inv.language).toBe('en');
    const { res, bytes, text } = await pdfOf(inv._id, 'accounts');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${inv.number}.pdf"`);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Invoice');
    expect(text).toContain(inv.number);
    expect(text).toContain('Blue Harbor Trading Ltd');
    expect(text).toContain('Αρχειοθέτηση Plus Größe');
    expect(text).toContain(inv.lines[0].sku);
    // 3 × 10.49 = 31.47 net; the totals as English writes euros.
    expect(text).toContain(money(1049, 'en-GB'));
    expect(text).toContain(money(inv.netCents, 'en-GB'));
    expect(text).toContain(money(inv.totalCents, 'en-GB'));
    expect(text).toContain(inv.seller.name);
    for (const figure of COST_FIGURES) expect(text).not.toContain(figure);
  });

  it('is in Greek for a customer whose accounts user reads Greek, Greek letters read back as text', async () => {
    await setLanguage(ACCOUNTS, 'el');
    const inv = await executedInvoice();
    expect(inv.language).toBe('el');
    const { res, text } = await pdfOf(inv._id, 'cash');
    expect(res.status).toBe(200);
    expect(text).toContain('Τιμολόγιο');
    expect(text).toContain('Σύνολο');
    expect(text).toContain(inv.number);
    expect(text).toContain('Blue Harbor Trading Ltd');
    expect(text).toContain('Αρχειοθέτηση Plus Größe');
    expect(text).toContain(money(inv.totalCents, 'el-GR'));
    expect(text).not.toContain('Invoice');
    for (const figure of COST_FIGURES) expect(text).not.toContain(figure);
    await setLanguage(ACCOUNTS, 'en');
  });

  it('of a credit note names the invoice it reverses', async () => {
    const inv = await executedInvoice();
    const credit = await http.post(`/api/invoices/${String(inv._id)}/credit-notes`, { lines: null, reason: 'Returned in full' }, cookies.cash);
    expect(credit.status, JSON.stringify(credit.body)).toBe(201);
    const { res, text } = await pdfOf(credit.body.id, 'accounts');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${credit.body.number as string}.pdf"`);
    expect(text).toContain('Credit note');
    expect(text).toContain(credit.body.number as string);
    expect(text).toContain(`Reverses invoice ${inv.number as string}`);
    expect(text).toContain('Returned in full');
    expect(text).toContain(money(inv.totalCents, 'en-GB'));
  });

  it('is for whoever may read the invoice: its reseller, its distributor, the company’s admin and accounts; not its buyers, nor another reseller', async () => {
    const inv = await Invoice.collection.findOne({ customerId: blueHarbor, kind: 'invoice', number: { $ne: null } });
    for (const who of ['cash', 'distributor', 'buyer', 'accounts'] as const) expect((await pdfOf(inv!._id, who)).res.status, who).toBe(200);
    expect((await pdfOf(inv!._id, 'bob')).res.status).toBe(403);
    for (const who of ['otherReseller', 'card'] as const) expect((await pdfOf(inv!._id, who)).res.status, who).toBe(404);
    expect((await pdfOf(new Types.ObjectId(), 'cash')).res.status).toBe(404);
    expect((await pdfOf('not-an-id', 'cash')).res.status).toBe(404);
  });
});

const mailsAbout = (number: string) => OutboxMessage.find({ subject: { $regex: number } }).lean();

describe('the email announcing an issued document', () => {
  it('goes to the company’s accounts users (not its admin or buyers), in their language, with the Invoices link and no cost', async () => {
    await setLanguage(ACCOUNTS, 'de');
    const inv = await executedInvoice();
    const mails = await mailsAbout(inv.number);
    expect(mails.map((m) => m.to)).toEqual([ACCOUNTS]);
    const [mail] = mails;
    expect(mail!.subject).toBe(`Rechnung ${inv.number as string} von ${inv.seller.name as string}`);
    expect(mail!.text).toContain(`${ORIGIN}/storefront/invoices`);
    expect(mail!.html).toContain(`href="${ORIGIN}/storefront/invoices"`);
    expect(oneSpace(mail!.text)).toContain(money(inv.totalCents, 'de-DE'));
    for (const figure of COST_FIGURES) expect(mail!.text + mail!.html).not.toContain(figure);
    await setLanguage(ACCOUNTS, 'en');
  });

  it('of a credit note goes the same way', async () => {
    const inv = await executedInvoice();
    const credit = await http.post(`/api/invoices/${String(inv._id)}/credit-notes`, { lines: [0], reason: 'Wrong size' }, cookies.cash);
    expect(credit.status).toBe(201);
    await whenDeliveriesSettled();
    const mails = await mailsAbout(credit.body.number as string);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([[ACCOUNTS, `Credit note ${credit.body.number as string} from ${inv.seller.name as string}`]]);
    expect(mails[0]!.text).toContain(`reversing invoice ${inv.number as string}`);
  });

  it('goes to the buyers and admins of a company without accounts users', async () => {
    // A customer of the cash reseller with active storefront users, none of them accounts.
    const active = await User.collection.find({ resellerId: demoId('reseller:cash'), role: 'storefront', state: 'active', customerId: { $ne: blueHarbor } }).toArray();
    const customer = active.map((u) => u.customerId as Types.ObjectId).find((c) => !active.some((u) => u.customerId.equals(c) && u.companyRole === 'viewer'))!;
    const users = active.filter((u) => u.customerId.equals(customer));
    const expected = users.filter((u) => !u.companyRole || u.companyRole === 'buyer' || u.companyRole === 'admin').map((u) => u.email as string);
    expect(expected.length).toBeGreaterThan(0);
    const inv = await executedInvoice(customer);
    expect((await mailsAbout(inv.number)).map((m) => m.to).sort()).toEqual(expected.sort());
  });

  it('is sent once however many callers issue at once (the live follow-up and the start-up recovery)', async () => {
    const id = await inProgressOrder();
    // Executed with its invoice still due, as a crash right after the execution's write leaves it.
    await Order.collection.updateOne({ _id: id }, { $set: { status: 'executed', invoiceDue: true }, $push: { history: { at: new Date(), from: 'in_progress', to: 'executed', byUserId: null, byName: 'Test', byRole: 'distributor', note: '' } } as never });
    await Promise.all([issueInvoiceForOrder(id), issueInvoiceForOrder(id), issueInvoiceForOrder(id), recoverUnfinishedChanges()]);
    await whenDeliveriesSettled();
    const inv = (await Invoice.collection.findOne({ _id: invoiceIdFor(id) }))!;
    expect(inv.number).toBeTruthy();
    expect((await mailsAbout(inv.number)).map((m) => m.to)).toEqual([ACCOUNTS]);
    expect(inv.pendingDeliveries ?? []).toHaveLength(0);
  });

  it('a crash after it was queued but before it left the invoice’s outbox: the start-up sweep queues it again, still once', async () => {
    const inv = await executedInvoice();
    const queued = await Delivery.collection.find({ 'mail.subject': { $regex: inv.number } }).toArray();
    expect(queued).toHaveLength(1);
    const m = queued[0]!;
    const message = { _id: m._id, topic: m.topic, channel: m.channel, distributorId: m.distributorId, resellerId: m.resellerId, customerId: m.customerId, recipientUserId: m.recipientUserId, mail: m.mail, webhook: m.webhook ?? null, sensitive: m.sensitive, createdAt: m.createdAt };
    // As if the process died between inserting it into the queue and pulling it off the invoice.
    await Invoice.collection.updateOne({ _id: inv._id }, { $set: { pendingDeliveries: [message] } });
    await sweepPendingDeliveries([Invoice]);
    await whenDeliveriesSettled();
    expect(await Delivery.collection.countDocuments({ 'mail.subject': { $regex: inv.number } })).toBe(1);
    expect(await mailsAbout(inv.number)).toHaveLength(1);
    expect((await Invoice.collection.findOne({ _id: inv._id }))!.pendingDeliveries).toHaveLength(0);
  });
});
