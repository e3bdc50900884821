import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { downloadXlsx, textCells } from '../test/xlsx-download.js';
import { Invoice } from './invoice.model.js';
import { Payment } from './payment.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const blueHarbor = demoId('customer:cash:0');
let otherCustomer = demoId('customer:cash:5');
const cookies: Record<string, string> = {};

beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'accounts@demo.example', 'bob.buyer@demo.example']) cookies[who] = await signIn(app, who);
  // The Cash & Carry customer (not Blue Harbor) with the most documents: invoices, a credit note or a payment among them.
  const docs = await Invoice.collection.find({ resellerId: demoId('reseller:cash'), customerId: { $ne: blueHarbor } }, { projection: { customerId: 1 } }).toArray();
  const counts = new Map<string, number>();
  for (const d of docs) counts.set(d.customerId.toHexString(), (counts.get(d.customerId.toHexString()) ?? 0) + 1);
  const paid = new Set((await Payment.collection.find({ resellerId: demoId('reseller:cash') }).toArray()).map((p) => p.customerId.toHexString()));
  const best = [...counts.entries()].filter(([id]) => paid.has(id)).sort((a, b) => b[1] - a[1])[0]![0];
  otherCustomer = docs.find((d) => d.customerId.toHexString() === best)!.customerId;
});

const statementUrl = (customerId: unknown, from: string, to: string) => `/api/customers/${String(customerId)}/statement.xlsx?from=${from}&to=${to}`;
const cents = (v: unknown) => (v === null || v === undefined ? 0 : Math.round(Number(v) * 100));

/** A customer's movements (invoices +, credit notes and payments −) dated before a day, summed from the documents themselves. */
async function movedBefore(customerId: typeof blueHarbor, day: string) {
  const docs = await Invoice.collection.find({ customerId, number: { $ne: null }, issuedAt: { $lt: new Date(`${day}T00:00:00Z`) } }).toArray();
  const payments = await Payment.collection.find({ customerId, state: 'applied', receivedOn: { $lt: day } }).toArray();
  return docs.reduce((s, d) => s + (d.kind === 'invoice' ? d.totalCents : -d.totalCents), 0) - payments.reduce((s, p) => s + p.amountCents, 0);
}

describe('a customer’s statement (xlsx)', () => {
  it('opens at 0 before any document, runs through every invoice, credit note and payment, and closes at the kept balance', async () => {
    const { res, header, rows, sheet } = await downloadXlsx(app, statementUrl(otherCustomer, '2020-01-01', '2099-12-31'), cookies.cash!);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/Statement-\d{4}-\d{2}-\d{2}\.xlsx/);
    expect(header).toEqual(['Date', 'Type', 'Number', 'Reference', 'Debit', 'Credit', 'Balance']);
    const balance = (await http.get(`/api/customers/${String(otherCustomer)}/balance`, cookies.cash)).body.balanceCents as number;
    expect(rows[0]!.slice(1, 2)).toEqual(['Opening balance']);
    expect(cents(rows[0]![6])).toBe(0);
    expect(rows.at(-1)![1]).toBe('Closing balance');
    expect(cents(rows.at(-1)![6])).toBe(balance);
    // Each row's balance is the one before it plus its debit less its credit.
    for (let n = 1; n < rows.length - 1; n++) expect(cents(rows[n]![6])).toBe(cents(rows[n - 1]![6]) + cents(rows[n]![4]) - cents(rows[n]![5]));
    const types = new Set(rows.slice(1, -1).map((r) => r[1]));
    expect(types.has('Invoice') && types.has('Payment')).toBe(true);
    expect(await Invoice.collection.countDocuments({ customerId: otherCustomer, number: { $ne: null } })).toBe(rows.filter((r) => r[1] === 'Invoice' || r[1] === 'Credit note').length);
    expect(textCells(sheet!).join(' ')).not.toMatch(/cost/i);
  });

  it('a range in the middle opens at what was owed before it and closes at what is owed at its end', async () => {
    const dates = (await Invoice.collection.find({ customerId: otherCustomer, number: { $ne: null } }).sort({ issuedAt: 1 }).toArray()).map((d) => d.issuedAt.toISOString().slice(0, 10));
    const from = dates[Math.floor(dates.length / 2)]!;
    const to = dates.at(-1)!;
    const { rows } = await downloadXlsx(app, statementUrl(otherCustomer, from, to), cookies.cash!);
    expect(cents(rows[0]![6])).toBe(await movedBefore(otherCustomer, from));
    const dayAfter = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    expect(cents(rows.at(-1)![6])).toBe(await movedBefore(otherCustomer, dayAfter));
  });

  it('bad days or an end before the start: 400; another tenant’s customer 404; a buyer 403', async () => {
    for (const [from, to] of [['2026-13-01', '2026-12-31'], ['2026-12-07', '2026-12-06'], ['yesterday', '2026-12-06'], ['', '2026-12-06']]) {
      expect((await http.get(statementUrl(otherCustomer, from!, to!), cookies.cash)).status, `${from}..${to}`).toBe(400);
    }
    expect((await http.get(`/api/customers/${String(otherCustomer)}/statement.xlsx`, cookies.cash)).status).toBe(400);
    expect((await http.get(statementUrl(otherCustomer, '2026-01-01', '2026-12-31'), cookies.card)).status).toBe(404);
    expect((await http.get(statementUrl(otherCustomer, '2026-01-01', '2026-12-31'), cookies['accounts@demo.example'])).status).toBe(404);
    expect((await http.get(statementUrl(blueHarbor, '2026-01-01', '2026-12-31'), cookies['bob.buyer@demo.example'])).status).toBe(403);
  });

  it('the company’s admin and accounts users get their own; the distributor any of its customers’', async () => {
    for (const who of ['buyer', 'accounts@demo.example', 'distributor']) {
      const { res, rows } = await downloadXlsx(app, statementUrl(blueHarbor, '2020-01-01', '2099-12-31'), cookies[who]!);
      expect(res.status, who).toBe(200);
      expect(rows.length).toBeGreaterThan(2);
    }
  });
});

describe('the invoices grid: keyset pages and Invoices.xlsx of the same view', () => {
  it('pages by cursor through the same documents as one long page, newest first', async () => {
    const all = (await http.get('/api/invoices?limit=200', cookies.cash)).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null; total: number } = (await http.get(`/api/invoices?limit=7${cursor ? `&cursor=${cursor}` : ''}`, cookies.cash)).body;
      expect(page.total).toBe(all.total);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id));
    // A cursor of another view is refused.
    const first = (await http.get('/api/invoices?limit=3', cookies.cash)).body;
    expect((await http.get(`/api/invoices?limit=3&status=paid&cursor=${first.nextCursor}`, cookies.cash)).status).toBe(400);
  });

  it('filters by overdue days, and refuses an end before the start', async () => {
    const now = Date.now();
    const overdue = (await http.get('/api/invoices?limit=200&overdueDays=30', cookies.cash)).body;
    expect(overdue.items.length).toBeGreaterThan(0);
    for (const i of overdue.items) {
      expect(i.balanceCents).toBeGreaterThan(0);
      expect(now - Date.parse(i.dueAt)).toBeGreaterThan(30 * 86_400_000);
    }
    expect(overdue.total).toBeLessThanOrEqual((await http.get('/api/invoices?limit=1&status=overdue', cookies.cash)).body.total);
    expect((await http.get('/api/invoices?from=2026-12-07&to=2026-12-01', cookies.cash)).status).toBe(400);
  });

  it('exports the view it shows: every row, the customer column for staff, none for the company', async () => {
    const view = 'status=paid&from=2026-07-01&to=2099-12-31';
    const list = (await http.get(`/api/invoices?limit=200&${view}`, cookies.cash)).body;
    const { res, header, rows, sheet } = await downloadXlsx(app, `/api/invoices/export.xlsx?${view}`, cookies.cash!);
    expect(res.status).toBe(200);
    expect(header).toContain('Customer');
    expect(rows.map((r) => r[0])).toEqual(list.items.map((i: { number: string }) => i.number));
    expect(textCells(sheet!).join(' ')).not.toMatch(/cost/i);
    const own = await downloadXlsx(app, '/api/invoices/export.xlsx', cookies['accounts@demo.example']!);
    expect(own.res.status).toBe(200);
    expect(own.header).not.toContain('Customer');
    expect(own.rows.length).toBe((await http.get('/api/invoices?limit=200', cookies['accounts@demo.example'])).body.total);
    expect((await http.get('/api/invoices/export.xlsx', cookies['bob.buyer@demo.example'])).status).toBe(403);
    expect((await http.get('/api/invoices/export.xlsx?to=2026-01-01&from=2026-02-01', cookies.cash)).status).toBe(400);
  });
});
