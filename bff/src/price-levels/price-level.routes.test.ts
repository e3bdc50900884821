import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue, PriceLevel as PriceLevelAnswer } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { downloadXlsx } from '../test/xlsx-download.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { migrateToPriceLevels } from './price-level-migration.js';
import { finishPriceLevelDeletes } from './price-level-deletes.js';
import { PriceLevel } from './price-level.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cookies = {} as Record<DemoAccount, string>;
const cashId = demoId('reseller:cash');
const buyerCompany = demoId('customer:cash:0');
const northwind = demoId('distributor:northwind');

beforeAll(async () => {
  for (const who of ['distributor', 'cash', 'card', 'buyer', 'otherReseller'] as DemoAccount[]) cookies[who] = await signIn(app, who);
});

const productNamed = async (name: string) => (await Product.collection.findOne({ distributorId: northwind, name }))!;
const levels = async (who: DemoAccount) => (await http.get('/api/price-levels', cookies[who])).body.items as PriceLevelAnswer[];
const levelBody = (over: Record<string, unknown> = {}) => ({ name: `Level ${randomUUID().slice(0, 8)}`, markupPercent: 9, categoryMarkups: [], products: [], allowBelowCost: false, ...over });
const demoIdFromHex = (hex: string) => new Types.ObjectId(hex);
const eventsOf = (id: string, action: string) => AuditEvent.collection.find({ 'target.id': demoIdFromHex(id), action }).toArray();
const catalogueOf = async (who: DemoAccount, query = '') => (await http.get(`/api/catalogue${query}`, cookies[who])).body as Catalogue;

/** Every key anywhere in a JSON answer. */
const keysIn = (v: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(v)) v.forEach((x) => keysIn(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysIn(x, out);
    }
  }
  return out;
};

describe('who may see and change price levels', () => {
  it('the reseller lists its own levels, the default first, with the customers using each; the distributor reads them only; a storefront user not at all', async () => {
    const own = await levels('cash');
    expect(own.map((l) => l.name)).toEqual(['Standard', 'Level 15', 'Partner']);
    expect(own[0]).toMatchObject({ isDefault: true, markupPercent: 15, abilities: { edit: true, delete: false } });
    expect(own.every((l) => l.resellerId === String(cashId))).toBe(true);
    expect(own.reduce((n, l) => n + l.customersUsing, 0)).toBeGreaterThan(110); // several levels per customer
    expect(await Customer.collection.countDocuments({ resellerId: cashId, priceLevelIds: demoIdFromHex(own[2]!.id) })).toBe(own[2]!.customersUsing);

    const seen = (await http.get(`/api/price-levels?resellerId=${cashId}`, cookies.distributor)).body;
    expect(seen.abilities.create).toBe(false);
    expect(seen.items.map((l: PriceLevelAnswer) => l.name)).toEqual(['Standard', 'Level 15', 'Partner']);
    expect(seen.items.every((l: PriceLevelAnswer) => !l.abilities.edit && !l.abilities.delete)).toBe(true);

    const partner = own.find((l) => l.name === 'Partner')!;
    const edit = { ...levelBody({ name: 'Partner' }), revision: partner.revision };
    expect((await http.put(`/api/price-levels/${partner.id}`, edit, cookies.distributor)).status).toBe(403);
    expect((await http.post('/api/price-levels', levelBody(), cookies.distributor)).status).toBe(403);
    expect((await http.delete(`/api/price-levels/${partner.id}`, cookies.distributor)).status).toBe(403);
    expect((await http.get('/api/price-levels', cookies.buyer)).status).toBe(403);
    // Another reseller's level is not found, for reading it through an edit or a delete alike.
    expect((await http.put(`/api/price-levels/${partner.id}`, edit, cookies.card)).status).toBe(404);
    expect((await http.delete(`/api/price-levels/${partner.id}`, cookies.otherReseller)).status).toBe(404);
    expect((await PriceLevel.collection.findOne({ _id: demoIdFromHex(partner.id) }))!.revision).toBe(partner.revision);
  });
});

describe('creating, editing and deleting a level', () => {
  it('refuses prices below cost unless the level allows them, an unknown product and a name in use; nothing is written', async () => {
    const m365 = await productNamed('Microsoft 365 Business Basic');
    const count = await PriceLevel.collection.countDocuments();
    const below = await http.post('/api/price-levels', levelBody({ markupPercent: -5, products: [{ productId: String(m365._id), unitPrice: 1, breaks: [{ minQuantity: 10, unitPrice: 0.5 }] }] }), cookies.cash);
    expect(below.status).toBe(400);
    expect(Object.keys(below.body.error.fields).sort()).toEqual(['markupPercent', 'products.0.breaks.0.unitPrice', 'products.0.unitPrice']);
    const unknown = await http.post('/api/price-levels', levelBody({ products: [{ productId: String(demoId('nothing')), unitPrice: null, breaks: [] }] }), cookies.cash);
    expect(unknown.body.error.fields).toEqual({ 'products.0.productId': 'This product is not in the catalogue' });
    expect((await http.post('/api/price-levels', levelBody({ name: 'partner' }), cookies.cash)).status).toBe(400);
    expect((await http.post('/api/price-levels', levelBody({ markupPercent: 'ten' }), cookies.cash)).status).toBe(400);
    expect(await PriceLevel.collection.countDocuments()).toBe(count);

    const allowed = await http.post('/api/price-levels', levelBody({ name: 'Clearance', markupPercent: -5, allowBelowCost: true }), cookies.cash);
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({ name: 'Clearance', markupPercent: -5, allowBelowCost: true, customersUsing: 0, isDefault: false });
    const [created] = await eventsOf(allowed.body.id, 'price_level.created');
    expect(created!.changes.markupPercent).toEqual({ from: null, to: -5 });
  });

  it('of fifty racing edits on one revision exactly one wins, the others are told 409; the winner is audited before → after', async () => {
    const made = (await http.post('/api/price-levels', levelBody({ name: 'Racing' }), cookies.cash)).body as PriceLevelAnswer;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => http.put(`/api/price-levels/${made.id}`, { ...levelBody({ name: 'Racing', markupPercent: 20 + i }), revision: made.revision }, cookies.cash)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409), JSON.stringify(results.filter((r) => r.status !== 409 && r.status !== 200).map((r) => [r.status, r.body]))).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!.body as PriceLevelAnswer;
    const stored = (await PriceLevel.collection.findOne({ _id: demoIdFromHex(made.id) }))!;
    expect(stored).toMatchObject({ revision: made.revision + 1, markupPercent: winner.markupPercent });
    const events = await eventsOf(made.id, 'price_level.updated');
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toEqual({ markupPercent: { from: 9, to: winner.markupPercent } });
  }, 120_000);

  it('a level in use is not deleted (409 naming how many customers use it), nor the default; an unused one is, and audited', async () => {
    const own = await levels('cash');
    const partner = own.find((l) => l.name === 'Partner')!;
    const inUse = await http.delete(`/api/price-levels/${partner.id}`, cookies.cash);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toContain(`used by ${partner.customersUsing} customers`);
    expect((await http.delete(`/api/price-levels/${own[0]!.id}`, cookies.cash)).status).toBe(409);
    expect(await PriceLevel.collection.countDocuments({ _id: { $in: [partner.id, own[0]!.id].map(demoIdFromHex) } })).toBe(2);

    const spare = (await http.post('/api/price-levels', levelBody({ name: 'Spare' }), cookies.cash)).body as PriceLevelAnswer;
    expect((await http.delete(`/api/price-levels/${spare.id}`, cookies.cash)).status).toBe(204);
    expect(await PriceLevel.collection.countDocuments({ _id: demoIdFromHex(spare.id) })).toBe(0);
    expect((await eventsOf(spare.id, 'price_level.deleted'))[0]!.changes.name).toEqual({ from: 'Spare', to: null });
  });

  it('a deletion cut short by a crash (decided, its event still in the level’s outbox) is finished at start-up: the event logged once, then the level gone', async () => {
    const spare = (await http.post('/api/price-levels', levelBody({ name: 'Crashed' }), cookies.cash)).body as PriceLevelAnswer;
    const stored = (await PriceLevel.collection.findOne({ _id: demoIdFromHex(spare.id) }))!;
    expect((await http.delete(`/api/price-levels/${spare.id}`, cookies.cash)).status).toBe(204);
    // The state a crash right after the deciding write leaves: marked, the event waiting on the level.
    const [event] = await eventsOf(spare.id, 'price_level.deleted');
    await AuditEvent.collection.deleteOne({ _id: event!._id });
    await PriceLevel.collection.insertOne({ ...stored, deleting: true, revision: stored.revision + 1, pendingAudit: [event] });

    expect(await recoverUnfinishedChanges()).toMatchObject({ auditEvents: 1 });
    expect(await finishPriceLevelDeletes()).toBe(0);
    expect(await PriceLevel.collection.countDocuments({ _id: demoIdFromHex(spare.id) })).toBe(0);
    expect(await eventsOf(spare.id, 'price_level.deleted')).toHaveLength(1);
  });
});

describe('a customer’s level per category, and the prices it sees', () => {
  it('assigning a level changes the catalogue for that customer only, is audited, and a stale revision is refused', async () => {
    const own = await levels('cash');
    const target = demoId('customer:cash:7'); // index 7: all categories on the default level
    const view = (await http.get(`/api/customers/${target}/price-levels`, cookies.cash)).body;
    expect(view.categories.every((c: { isDefault: boolean }) => c.isDefault)).toBe(true);
    const before = await catalogueOf('cash', `?customerId=${target}`);
    const level15 = own.find((l) => l.name === 'Level 15')!;

    const set = await http.put(`/api/customers/${target}/price-levels`, { assignments: [{ category: 'Security', levelId: level15.id }], revision: view.revision }, cookies.cash);
    expect(set.status).toBe(200);
    expect(set.body.categories.find((c: { category: string }) => c.category === 'Security').levelName).toBe('Level 15');
    const after = await catalogueOf('cash', `?customerId=${target}`);
    const eset = (c: Catalogue) => c.items.find((i) => i.name === 'ESET Endpoint Security')!;
    expect(eset(before)).toMatchObject({ unitPrice: 3.68, levelName: 'Standard', breaks: [] }); // 3.20 + 15 %
    expect(eset(after)).toMatchObject({ unitPrice: 3.49, levelName: 'Level 15', breaks: [{ minQuantity: 20, unitPrice: 3.39 }] }); // + 9 %, from 20: + 6 %
    expect(after.items.find((i) => i.category === 'Productivity')!.levelName).toBe('Standard');
    const [event] = await AuditEvent.collection.find({ 'target.id': target, action: 'customer.price_levels_changed' }).toArray();
    expect(event!.changes.priceLevels.to).toContain('Security: Level 15');

    expect((await http.put(`/api/customers/${target}/price-levels`, { assignments: [], revision: view.revision }, cookies.cash)).status).toBe(409);
    const foreignLevel = (await levels('card'))[1]!;
    const refused = await http.put(`/api/customers/${target}/price-levels`, { assignments: [{ category: 'Security', levelId: foreignLevel.id }], revision: set.body.revision }, cookies.cash);
    expect(refused.status).toBe(400);
    expect((await http.put(`/api/customers/${target}/price-levels`, { assignments: [], revision: set.body.revision }, cookies.distributor)).status).toBe(403);
    // The grid filters by level.
    const grid = (await http.get(`/api/customers?priceLevelId=${level15.id}&limit=200&total=1`, cookies.cash)).body;
    expect(grid.items.map((c: { id: string }) => c.id)).toContain(String(target));
    expect(grid.total).toBe(await Customer.collection.countDocuments({ priceLevelIds: demoIdFromHex(level15.id) }));
  });

  it('in bulk: one category’s level for many customers', async () => {
    const partner = (await levels('cash')).find((l) => l.name === 'Partner')!;
    const ids = [demoId('customer:cash:11'), demoId('customer:cash:15')];
    const res = await http.post('/api/customers/price-levels', { ids: [...ids, demoId('customer:card:1')].map(String), category: 'Backup', levelId: partner.id }, cookies.cash);
    expect(res.body).toEqual({ updated: 2, notFound: 1 });
    for (const id of ids) expect((await Customer.collection.findOne({ _id: id }))!.priceLevels).toContainEqual({ category: 'Backup', levelId: demoIdFromHex(partner.id) });
  });

  it('an order line keeps its unit cost, unit price and level name: a later change to the level does not alter it', async () => {
    const m365 = await productNamed('Microsoft 365 Business Basic');
    const placed = await http.post('/api/orders', { idempotencyKey: `levels-${randomUUID()}`, lines: [{ productId: String(m365._id), quantity: 12 }] }, cookies.buyer);
    expect(placed.status).toBe(201);
    // The buyer's company is on Partner for every category: from 10 units, cost + 8 %.
    expect(placed.body.lines[0]).toMatchObject({ unitPrice: 5.4, levelName: 'Partner', amount: 64.8 });
    expect(keysIn(placed.body).has('unitCost')).toBe(false);

    const partner = (await levels('cash')).find((l) => l.name === 'Partner')!;
    const { id: _id, resellerId: _r, resellerName: _n, isDefault: _d, customersUsing: _c, abilities: _a, ...fields } = partner;
    expect((await http.put(`/api/price-levels/${partner.id}`, { ...fields, name: 'Partner 2027', products: fields.products.map((p) => ({ ...p, breaks: p.breaks.map((b) => ({ ...b, unitPrice: b.unitPrice - 0.1 })) })) }, cookies.cash)).status).toBe(200);
    expect((await catalogueOf('buyer')).items.find((i) => i.name === m365.name)!.breaks[0]).toEqual({ minQuantity: 10, unitPrice: 5.3 });
    const stored = (await Order.collection.findOne({ _id: demoIdFromHex(placed.body.id) }))!;
    expect(stored.lines[0]).toMatchObject({ unitCostCents: 500, unitPriceCents: 540, levelName: 'Partner' });
    expect((await http.get(`/api/orders/${placed.body.id}`, cookies.buyer)).body.lines[0]).toMatchObject({ unitPrice: 5.4, levelName: 'Partner' });
  });
});

describe('the price list', () => {
  it('the storefront user’s file holds the catalogue exactly as it sees it, with no cost anywhere; the catalogue answer has no cost either', async () => {
    const catalogue = await catalogueOf('buyer');
    expect(keysIn(catalogue).has('unitCost')).toBe(false);
    const { res, header, rows } = await downloadXlsx(app, '/api/price-list.xlsx', cookies.buyer);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/Price list-\d{4}-\d{2}-\d{2}\.xlsx/);
    expect(header).toEqual(['Category', 'SKU', 'Product', 'Billing', 'Unit price', 'Quantity breaks', 'Price level', 'Prices as of']);
    expect(header.some((h) => /cost|margin/i.test(String(h)))).toBe(false);
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[6]])).toEqual(catalogue.items.map((i) => [i.category, i.sku, i.name, i.unitPrice, i.levelName]));
    const withBreaks = catalogue.items.find((i) => i.breaks.length > 0)!;
    expect(rows.find((r) => r[1] === withBreaks.sku)![5]).toBe(withBreaks.breaks.map((b) => `from ${b.minQuantity}: €${b.unitPrice.toFixed(2)}`).join(' · '));
    // A storefront user asks for its own only: another customer's price list is not a route it may use.
    expect((await http.get(`/api/customers/${buyerCompany}/price-list.xlsx`, cookies.buyer)).status).toBe(403);
  });

  it('staff download a customer’s price list from the record: that customer’s prices, not their own cost', async () => {
    const customer = demoId('customer:cash:1');
    const catalogue = await catalogueOf('cash', `?customerId=${customer}`);
    const { rows, header } = await downloadXlsx(app, `/api/customers/${customer}/price-list.xlsx`, cookies.cash);
    expect(header).not.toContain('Unit cost');
    expect(rows.map((r) => [r[1], r[4], r[6]])).toEqual(catalogue.items.map((i) => [i.sku, i.unitPrice, i.levelName]));
    expect((await downloadXlsx(app, `/api/customers/${customer}/price-list.xlsx`, cookies.distributor)).res.status).toBe(200);
    expect((await downloadXlsx(app, `/api/customers/${customer}/price-list.xlsx`, cookies.card)).res.status).toBe(404);
  });
});

describe('from one markup to price levels (start-up migration)', () => {
  it('makes each reseller’s default level from its markup once, marks its customers, and keeps their prices; a second run changes nothing', async () => {
    const cardId = demoId('reseller:card');
    const customer = demoId('customer:card:3'); // index 3: all default
    const before = (await catalogueOf('card', `?customerId=${customer}`)).items.map((i) => i.unitPrice);
    await PriceLevel.collection.deleteOne({ _id: defaultPriceLevelIdOf(cardId) });
    await Customer.collection.updateMany({ resellerId: cardId }, { $unset: { priceLevelIds: '' } });

    const first = await migrateToPriceLevels();
    expect(first.levels).toBe(1);
    expect(first.customers).toBe(80);
    expect(await migrateToPriceLevels()).toEqual({ levels: 0, customers: 0 });
    const made = (await PriceLevel.collection.findOne({ _id: defaultPriceLevelIdOf(cardId) }))!;
    expect(made).toMatchObject({ isDefault: true, markupPercent: 20, name: 'Standard' });
    expect((await catalogueOf('card', `?customerId=${customer}`)).items.map((i) => i.unitPrice)).toEqual(before);
  });
});
