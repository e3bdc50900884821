import ExcelJS from 'exceljs';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { cellText, startsAsFormula } from '../exports/cell-text.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { downloadXlsx, textCells } from '../test/xlsx-download.js';
import { Customer } from './customer.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const today = new Date().toISOString().slice(0, 10);

/** Every row of the customer list for `query`, page by page, as the grid would load it. */
async function listAll(query: string, cookie: string) {
  const items: { companyName: string; email: string; monthlyRunRate: number; resellerName: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await http.get(`/api/customers?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`, cookie);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /api/customers/export.xlsx', () => {
  it('holds exactly the rows of the list, in its order, with real column types and a dated file name', async () => {
    const cookie = await signIn(app, 'cash');
    const { res, sheet, header, rows } = await downloadXlsx(app, '/api/customers/export.xlsx?sort=-monthlyRunRate', cookie);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Customers-${today}.xlsx"`);
    const list = await listAll('sort=-monthlyRunRate', cookie);
    expect(rows.map((r) => r[0])).toEqual(list.map((c) => cellText(c.companyName)));
    expect(rows.map((r) => r[header.indexOf('Monthly run rate')])).toEqual(list.map((c) => c.monthlyRunRate));
    expect(header).not.toContain('Reseller');
    const first = sheet!.getRow(2);
    expect(first.getCell(header.indexOf('Monthly run rate') + 1).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(header.indexOf('Monthly run rate') + 1).numFmt).toContain('€');
    expect(first.getCell(header.indexOf('Customer since') + 1).type).toBe(ExcelJS.ValueType.Date);
    expect(['Yes', 'No']).toContain(first.getCell(header.indexOf('Storefront access') + 1).value);
    expect(sheet!.getRow(1).font?.bold).toBe(true);
    expect(sheet!.autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
  });

  it('exports only the rows the grid’s filters show', async () => {
    const cookie = await signIn(app, 'cash');
    const { res, rows } = await downloadXlsx(app, '/api/customers/export.xlsx?active=no', cookie);
    expect(res.status).toBe(200);
    const inactive = await Customer.collection.countDocuments({ resellerId: demoId('reseller:cash'), active: false });
    expect(inactive).toBeGreaterThan(0);
    expect(rows).toHaveLength(inactive);
  });

  it('applies the search, and escapes text that a spreadsheet would run as a formula', async () => {
    const cookie = await signIn(app, 'deposit');
    const created = await http.post('/api/customers', {
      companyName: '=HYPERLINK("http://evil.example","click")', email: 'formula@evil.example', phone: '+30 210 0000000',
      address: '1 Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552',
    }, cookie);
    expect(created.status).toBe(201);
    const { sheet, rows, header } = await downloadXlsx(app, '/api/customers/export.xlsx?search=hyperlink', cookie);
    expect(rows).toHaveLength(1);
    const cell = sheet!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell.formula).toBeUndefined();
    // A phone number reads as typed (its cell's quote-prefix style keeps it text: exports/write-xlsx.test.ts).
    expect(rows[0]![header.indexOf('Phone')]).toBe('+30 210 0000000');
  });

  it('over many generated names: no text cell starts as a formula, and each name is otherwise unchanged', async () => {
    const cookie = await signIn(app, 'card');
    // No NUL: the API refuses it (input-guard.ts) and PostgreSQL under the embedded FerretDB cannot store it.
    const names = fc
      .sample(fc.oneof(fc.string({ unit: 'binary', minLength: 1 }), fc.constantFrom('=1+1', '+A1', '-A1', '@A1', '\t=A1', '\r=A1', '\u0001=A1')), { numRuns: 40, seed: 13 })
      .map((n) => n.replaceAll('\u0000', '') || '=A1');
    const targets = await Customer.collection.find({ resellerId: demoId('reseller:card') }, { projection: { _id: 1 } }).limit(names.length).toArray();
    await Promise.all(targets.map((t, i) => Customer.collection.updateOne({ _id: t._id }, { $set: { companyName: names[i]!, city: names[names.length - 1 - i]! } })));
    const { sheet, rows, header } = await downloadXlsx(app, '/api/customers/export.xlsx', cookie);
    for (const text of textCells(sheet!)) expect(startsAsFormula(text), JSON.stringify(text)).toBe(false);
    const names_ = rows.map((r) => r[0] ?? '');
    for (const name of names.slice(0, targets.length)) expect(names_).toContain(cellText(name));
    expect(rows.map((r) => r[header.indexOf('City')] ?? '')).toEqual(expect.arrayContaining(names.slice(-targets.length).map(cellText)));
  });

  it('gives the distributor a reseller column and never another distributor’s customers, by any parameter', async () => {
    const cookie = await signIn(app, 'distributor');
    const foreign = await downloadXlsx(app, `/api/customers/export.xlsx?resellerId=${demoId('reseller:other')}`, cookie);
    expect(foreign.rows).toHaveLength(0);
    expect(foreign.header).toContain('Reseller');
    const all = await downloadXlsx(app, '/api/customers/export.xlsx', cookie);
    const own = await Customer.collection.countDocuments({ distributorId: demoId('distributor:northwind') });
    expect(all.rows).toHaveLength(own);
    expect(all.rows.map((r) => r[1])).not.toContain('Orbit Systems');
    const sibling = await downloadXlsx(app, `/api/customers/export.xlsx?resellerId=${demoId('reseller:cash')}`, await signIn(app, 'card'));
    // A reseller naming another reseller gets nothing of it: the scope adds its own reseller to the filter.
    expect(sibling.rows).toHaveLength(0);
  });

  it('HEAD answers the checks and headers without a file; a download token comes back as a cookie', async () => {
    const cookie = await signIn(app, 'cash');
    const head = await request(app).head('/api/customers/export.xlsx?search=a').set('Cookie', cookie);
    expect(head.status).toBe(200);
    expect(head.headers['content-disposition']).toContain('Customers-');
    expect((await request(app).head('/api/customers/export.xlsx')).status).toBe(401);
    const { res } = await downloadXlsx(app, '/api/customers/export.xlsx?downloadToken=abcdef123456', cookie);
    expect(String(res.headers['set-cookie'])).toMatch(/download-abcdef123456=1; Max-Age=60; Path=\/;.*SameSite=Strict/);
    expect((await http.get('/api/customers/export.xlsx?downloadToken=bad token', cookie)).status).toBe(400);
  });

  it('is 401 without a session and 403 for a storefront user', async () => {
    expect((await http.get('/api/customers/export.xlsx')).status).toBe(401);
    expect((await http.get('/api/customers/export.xlsx', await signIn(app, 'buyer'))).status).toBe(403);
  });
});
