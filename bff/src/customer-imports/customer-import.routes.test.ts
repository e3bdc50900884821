import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE, CUSTOMER_IMPORT_COLUMNS, type CustomerImport, type CustomerImportRow } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { CustomerImport as CustomerImportModel, CustomerImportBatch } from './customer-import.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const HEADERS = CUSTOMER_IMPORT_COLUMNS.map((c) => c.header);
type Row = Partial<Record<(typeof CUSTOMER_IMPORT_COLUMNS)[number]['key'], string>>;

const row = (n: number | string, extra: Row = {}): Row => ({
  email: `buyer${n}@import.example`, companyName: `Imported ${n} Ltd`, phone: '+44 20 7946 0000', address: `${n} High Street`, city: 'London',
  state: 'Greater London', postcode: 'EC1A 1AA', country: 'United Kingdom', ...extra,
});
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvOf = (rows: Row[]) => [HEADERS, ...rows.map((r) => CUSTOMER_IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))].map((cells) => cells.map(csvCell).join(',')).join('\r\n');

async function upload(body: string | Buffer, cookie: string, query = 'fileName=customers.csv') {
  return request(app).post(`/api/customer-imports?${query}`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookie).set('Content-Type', 'application/octet-stream').send(body);
}
async function allRows(id: string, cookie: string): Promise<CustomerImportRow[]> {
  const out: CustomerImportRow[] = [];
  let after = 0;
  for (;;) {
    const res = await http.get(`/api/customer-imports/${id}/rows?after=${after}&limit=500`, cookie);
    expect(res.status).toBe(200);
    out.push(...res.body.items);
    if (res.body.nextAfter === null) return out;
    after = res.body.nextAfter;
  }
}
const apply = (id: string, cookie: string) => http.post(`/api/customer-imports/${id}/apply`, {}, cookie);

describe('customer import: the dry run', () => {
  it('reports each row: create, update, unchanged, and every kind of refusal with why; it changes nothing', async () => {
    const cookie = await signIn(app, 'cash');
    const fieldsOf = (c: Record<string, string>): Row => ({ email: c.email, companyName: c.companyName, phone: c.phone, address: c.address, city: c.city, state: c.state, postcode: c.postcode, country: c.country });
    const existing = (await Customer.collection.findOne({ _id: demoId('customer:cash:3') }))!;
    const same = fieldsOf(existing as never);
    const other = fieldsOf((await Customer.collection.findOne({ _id: demoId('customer:cash:4') })) as never);
    const takenUser = (await User.collection.findOne({ role: 'storefront', resellerId: cash, customerId: { $ne: existing._id } }))!;
    const rows: Row[] = [
      row(1, { userFirstName: 'Alex', userLastName: 'Smith', userEmail: 'alex@import.example', priceLevel: 'partner' }), // 2: create (level by name, any case)
      row(2, { companyName: '' }), // 3: missing field
      row(3, { email: 'not-an-email' }), // 4: bad email
      row(1), // 5: duplicate of row 2 in the file
      { ...same }, // 6: unchanged
      { ...other, email: other.email!.toUpperCase(), phone: '+44 20 7946 9999' }, // 7: update (matched by email whatever its case)
      row(7, { userFirstName: 'Taken', userLastName: 'User', userEmail: takenUser.email }), // 8: user email of another customer in the tenant
      row(8, { priceLevel: 'No Such Level' }), // 9: unknown price level
      row(9, { userFirstName: 'Bad', userLastName: 'Mail', userEmail: 'nope' }), // 10: bad user email
      row(10, { companyName: '=HYPERLINK("http://evil.example","x")' }), // 11: formula-looking text, kept as text
    ];
    const customersBefore = await Customer.collection.countDocuments();
    const eventsBefore = await AuditEvent.collection.countDocuments();
    const res = await upload(csvOf(rows), cookie);
    expect(res.status).toBe(201);
    const imp = res.body as CustomerImport;
    expect(imp).toMatchObject({ state: 'checked', rows: 10, checked: { create: 2, update: 1, unchanged: 1, refused: 6 }, applied: null, abilities: { apply: true } });
    const report = new Map((await allRows(imp.id, cookie)).map((r) => [r.rowNumber, r]));
    const expectRow = (n: number, outcome: string, reason?: RegExp) => {
      expect(report.get(n)?.outcome, `row ${n}`).toBe(outcome);
      if (reason) expect(report.get(n)!.reasons.join(' | '), `row ${n}`).toMatch(reason);
    };
    expectRow(2, 'create');
    expectRow(3, 'refused', /^Company name is required$/);
    expectRow(4, 'refused', /^Customer email: /);
    expectRow(5, 'refused', /Customer email: the same as row 2 of this file/);
    expectRow(6, 'unchanged');
    expectRow(7, 'update');
    expectRow(8, 'refused', /User email: already the login of another customer’s user/);
    expectRow(9, 'refused', /Price level: you have no level named “No Such Level”/);
    expectRow(10, 'refused', /^User email: /);
    expectRow(11, 'create');
    expect(report.get(11)!.companyName).toBe('=HYPERLINK("http://evil.example","x")');
    expect((await http.get(`/api/customer-imports/${imp.id}/rows?outcome=refused`, cookie)).body.items).toHaveLength(6);
    expect(await Customer.collection.countDocuments()).toBe(customersBefore);
    expect(await AuditEvent.collection.countDocuments()).toBe(eventsBefore);
  });

  it('reads an xlsx streamed: a formula cell is its text, never its result', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Customers');
    sheet.addRow(HEADERS);
    const r = row('xlsx');
    sheet.addRow(CUSTOMER_IMPORT_COLUMNS.map((c) => (c.key === 'companyName' ? { formula: 'CONCAT("Evil","Co")', result: 'EvilCo' } : (r[c.key] ?? ''))));
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), await signIn(app, 'cash'), 'fileName=customers.xlsx');
    expect(res.status).toBe(201);
    const [only] = await allRows(res.body.id, await signIn(app, 'cash'));
    expect(only).toMatchObject({ rowNumber: 2, outcome: 'create', companyName: '=CONCAT("Evil","Co")' });
  });

  it('refuses a file without the template’s columns, an empty or unreadable one (400), and keeps nothing', async () => {
    const cookie = await signIn(app, 'cash');
    expect((await upload('Name,Mail\r\nA,b@c.example', cookie)).body.error.message).toMatch(/missing: Customer email, Company name/);
    expect((await upload('', cookie)).status).toBe(400);
    expect((await upload(Buffer.from('PK\u0003\u0004 not really a zip'), cookie)).status).toBe(400);
  });

  it('is the reseller’s own: 403 for the distributor and a storefront user; another reseller’s import is 404', async () => {
    const cookie = await signIn(app, 'cash');
    const imp = (await upload(csvOf([row('mine')]), cookie)).body as CustomerImport;
    for (const who of ['distributor', 'buyer'] as const) {
      const c = await signIn(app, who);
      expect((await upload(csvOf([row('x')]), c)).status).toBe(403);
      expect((await http.get('/api/customer-imports', c)).status).toBe(403);
    }
    const card = await signIn(app, 'card');
    expect((await http.get(`/api/customer-imports/${imp.id}`, card)).status).toBe(404);
    expect((await http.get(`/api/customer-imports/${imp.id}/rows`, card)).status).toBe(404);
    expect((await apply(imp.id, card)).status).toBe(404);
    expect((await http.get('/api/customer-imports', card)).body.items.map((i: CustomerImport) => i.id)).not.toContain(imp.id);
  });
});

describe('customer import: confirming', () => {
  it('applies once, audited with the import’s id; the same file again changes nothing', async () => {
    const cookie = await signIn(app, 'cash');
    const rows = [row('a1', { userFirstName: 'Ann', userLastName: 'One', userEmail: 'ann@a1.import.example', priceLevel: 'Partner' }), row('a2')];
    const imp = (await upload(csvOf(rows), cookie)).body as CustomerImport;
    const done = await apply(imp.id, cookie);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'applied', applied: { create: 2, update: 0, unchanged: 0, refused: 0 }, abilities: { apply: false } });
    expect((await apply(imp.id, cookie)).status).toBe(409);
    const created = await Customer.collection.find({ resellerId: cash, email: { $in: ['buyera1@import.example', 'buyera2@import.example'] } }).toArray();
    expect(created).toHaveLength(2);
    const a1 = created.find((c) => c.email === 'buyera1@import.example')!;
    expect(a1.priceLevels.every((a: { levelId: unknown }) => String(a.levelId) === String(demoId('price-level:cash:Partner')))).toBe(true);
    expect(a1.priceLevels.length).toBeGreaterThan(0);
    const user = (await User.collection.findOne({ email: 'ann@a1.import.example' }))!;
    expect(user).toMatchObject({ state: 'pending_activation', customerId: a1._id });
    // Not ticked: no activation email.
    expect(await Delivery.collection.countDocuments({ recipientUserId: user._id })).toBe(0);
    const events = await AuditEvent.collection.find({ requestId: `import:${imp.id}` }).toArray();
    expect(events.map((e) => e.action).sort()).toEqual(['customer.created', 'customer.created', 'customer.price_levels_changed', 'storefront_user.created']);

    const again = (await upload(csvOf(rows), cookie)).body as CustomerImport;
    expect(again.checked).toEqual({ create: 0, update: 0, unchanged: 2, refused: 0 });
    const eventsBefore = await AuditEvent.collection.countDocuments();
    expect((await apply(again.id, cookie)).body.applied).toEqual({ create: 0, update: 0, unchanged: 2, refused: 0 });
    expect(await AuditEvent.collection.countDocuments()).toBe(eventsBefore);
    const listed = (await http.get('/api/customer-imports', cookie)).body.items as CustomerImport[];
    expect(listed.slice(0, 2).map((i) => i.id)).toEqual([again.id, imp.id]);
  });

  it('sends activation emails only when the importer ticks it', async () => {
    const cookie = await signIn(app, 'cash');
    const imp = (await upload(csvOf([row('t1', { userFirstName: 'Tia', userLastName: 'Tick', userEmail: 'tia@t1.import.example' })]), cookie, 'fileName=t.csv&sendActivation=true')).body as CustomerImport;
    expect(imp.sendActivation).toBe(true);
    await apply(imp.id, cookie);
    const user = (await User.collection.findOne({ email: 'tia@t1.import.example' }))!;
    expect(await Delivery.collection.countDocuments({ recipientUserId: user._id, topic: 'account.activation' })).toBe(1);
  });

  it('never touches another tenant, whatever the file holds: another reseller’s customer email makes a customer of one’s own', async () => {
    const cookie = await signIn(app, 'cash');
    const foreign = (await Customer.collection.findOne({ _id: demoId('customer:other:2') }))!;
    const imp = (await upload(csvOf([row('f', { email: foreign.email, companyName: 'Mine Now' })]), cookie)).body as CustomerImport;
    expect(imp.checked.create).toBe(1);
    await apply(imp.id, cookie);
    expect(await Customer.collection.findOne({ _id: foreign._id })).toEqual(foreign);
    expect(await Customer.collection.countDocuments({ resellerId: cash, email: foreign.email })).toBe(1);
  });

  it('50 concurrent confirmations apply it exactly once', async () => {
    const cookie = await signIn(app, 'cash');
    const imp = (await upload(csvOf([row('r1'), row('r2'), row('r3')]), cookie)).body as CustomerImport;
    const answers = await Promise.all(Array.from({ length: 50 }, () => apply(imp.id, cookie)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    expect(await Customer.collection.countDocuments({ email: { $in: ['buyerr1@import.example', 'buyerr2@import.example', 'buyerr3@import.example'] } })).toBe(3);
    expect(await AuditEvent.collection.countDocuments({ requestId: `import:${imp.id}`, action: 'customer.created' })).toBe(3);
  });

  it('an import whose applying stopped mid-way (its process ended) is taken up again once its lease lapses, from the first batch not applied', async () => {
    const cookie = await signIn(app, 'cash');
    const imp = (await upload(csvOf([row('i1'), row('i2')]), cookie)).body as CustomerImport;
    const id = new Types.ObjectId(imp.id);
    // As a crash leaves it: claimed, its lease still running, nothing applied.
    await CustomerImportModel.collection.updateOne({ _id: id }, { $set: { state: 'applying', leaseUntil: new Date(Date.now() + 60_000) } });
    expect((await apply(imp.id, cookie)).status).toBe(409);
    expect((await http.get(`/api/customer-imports/${imp.id}`, cookie)).body.abilities.apply).toBe(false);
    // The lease lapses: the import offers to be applied again, and is, once.
    await CustomerImportModel.collection.updateOne({ _id: id }, { $set: { leaseUntil: new Date(Date.now() - 1000) } });
    expect((await http.get(`/api/customer-imports/${imp.id}`, cookie)).body.abilities.apply).toBe(true);
    const answers = await Promise.all(Array.from({ length: 10 }, () => apply(imp.id, cookie)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.find((a) => a.status === 200)!.body).toMatchObject({ state: 'applied', applied: { create: 2, update: 0, unchanged: 0, refused: 0 } });
    expect(await Customer.collection.countDocuments({ email: { $in: ['buyeri1@import.example', 'buyeri2@import.example'] } })).toBe(2);

    // A batch applied before the stop keeps its outcomes and is not applied again.
    const second = (await upload(csvOf([row('j1')]), cookie)).body as CustomerImport;
    const secondId = new Types.ObjectId(second.id);
    await CustomerImportBatch.collection.updateOne({ importId: secondId, index: 0 }, { $set: { applied: true, 'rows.0.outcome': 'create' } });
    await CustomerImportModel.collection.updateOne({ _id: secondId }, { $set: { state: 'applying', leaseUntil: null } });
    const resumed = await apply(second.id, cookie);
    expect(resumed.body).toMatchObject({ state: 'applied', applied: { create: 1, update: 0, unchanged: 0, refused: 0 } });
    expect(await Customer.collection.countDocuments({ email: 'buyerj1@import.example' })).toBe(0);
  });

  it('a 10,000-row file through the API: every row checked and reported; rows applied earlier are found unchanged', { timeout: 600_000 }, async () => {
    const cookie = await signIn(app, 'cash');
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`k${i}`));
    const imp = (await upload(csvOf(rows), cookie)).body as CustomerImport;
    expect(imp.checked).toEqual({ create: 10_000, update: 0, unchanged: 0, refused: 0 });
    const report = await allRows(imp.id, cookie);
    expect(report.map((r) => r.rowNumber)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 2));
    // Applying goes customer by customer through the services (tens of rows a second here): the first 200.
    const first = (await upload(csvOf(rows.slice(0, 200)), cookie)).body as CustomerImport;
    expect((await apply(first.id, cookie)).body.applied).toEqual({ create: 200, update: 0, unchanged: 0, refused: 0 });
    const again = (await upload(csvOf(rows), cookie)).body as CustomerImport;
    expect(again.checked).toEqual({ create: 9_800, update: 0, unchanged: 200, refused: 0 });
  });
});
