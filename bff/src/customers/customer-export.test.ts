import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoId } from '../db/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Customer } from './customer.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

async function download(url: string, cookie: string) {
  const res = await request(app)
    .get(url)
    .set('Cookie', cookie)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const workbook = new ExcelJS.Workbook();
  if (res.status === 200) await workbook.xlsx.load(res.body as never);
  return { res, sheet: workbook.getWorksheet('Customers') };
}

describe('GET /api/customers/export.xlsx', () => {
  it('exports the reseller’s current view with real column types', async () => {
    const cookie = await signIn(app, 'cash');
    const { res, sheet } = await download('/api/customers/export.xlsx?sort=-monthlyRunRate', cookie);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="Customers.xlsx"');
    const expected = await Customer.collection.find({ resellerId: demoId('reseller:cash') }).sort({ monthlyRunRateCents: -1, nameKey: -1, _id: -1 }).toArray();
    expect(sheet!.rowCount).toBe(expected.length + 1);
    expect(sheet!.getRow(1).values).toContain('Monthly run rate');
    const first = sheet!.getRow(2);
    expect(first.getCell('A').value).toBe(expected[0]!.companyName);
    const money = first.getCell(9);
    expect(money.type).toBe(ExcelJS.ValueType.Number);
    expect(money.value).toBe(expected[0]!.monthlyRunRateCents / 100);
    expect(money.numFmt).toContain('€');
    expect(first.getCell(12).type).toBe(ExcelJS.ValueType.Date);
  });

  it('exports only the rows the grid’s filters show', async () => {
    const cookie = await signIn(app, 'cash');
    const { res, sheet } = await download('/api/customers/export.xlsx?active=no', cookie);
    expect(res.status).toBe(200);
    const inactive = await Customer.collection.countDocuments({ resellerId: demoId('reseller:cash'), active: false });
    expect(inactive).toBeGreaterThan(0);
    expect(sheet!.rowCount).toBe(inactive + 1);
  });

  it('applies the search, and writes text that looks like a formula as text', async () => {
    const cookie = await signIn(app, 'deposit');
    const created = await http.post('/api/customers', {
      companyName: '=HYPERLINK("http://evil.example","click")', email: 'formula@evil.example', phone: '+30 210 0000000',
      address: '1 Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552',
    }, cookie);
    expect(created.status).toBe(201);
    const { sheet } = await download('/api/customers/export.xlsx?search=hyperlink', cookie);
    expect(sheet!.rowCount).toBe(2);
    const cell = sheet!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(cell.formula).toBeUndefined();
  });

  it('gives the distributor a reseller column and never another distributor’s customers', async () => {
    const { sheet } = await download(`/api/customers/export.xlsx?resellerId=${demoId('reseller:other')}`, await signIn(app, 'distributor'));
    expect(sheet!.rowCount).toBe(1);
    expect(sheet!.getRow(1).values).toContain('Reseller');
  });

  it('is 401 without a session and 403 for a storefront user', async () => {
    expect((await http.get('/api/customers/export.xlsx')).status).toBe(401);
    expect((await http.get('/api/customers/export.xlsx', await signIn(app, 'buyer'))).status).toBe(403);
  });
});
