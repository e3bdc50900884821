import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { taxIdFits } from './customer-details.js';
import { Customer } from './customer.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cookies = {} as Record<DemoAccount, string>;
beforeAll(async () => {
  for (const who of ['cash', 'card', 'buyer'] as DemoAccount[]) cookies[who] = await signIn(app, who);
});

const BASE = { companyName: 'Helios Trading SA', email: 'office@helios.example', phone: '+30 210 555 0101', address: '5 Ermou', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10563' };
const WAREHOUSE = { address: '12 Port Road', city: 'Piraeus', state: 'Attica', postcode: '18545', countryCode: 'GR' };

describe('VAT / tax ids per country (validator.js)', () => {
  it.each([
    ['EL094259216', 'GR', true],
    ['094259216', 'GR', true],
    ['EL09425921', 'GR', false],
    ['DE 123 456 789', 'DE', true],
    ['DE12345678', 'DE', false],
    ['ATU12345678', 'AT', true],
    ['PT 501 964 843', 'PT', true],
    ['PT501964842', 'PT', false],
    ['anything-goes-1', 'AQ', true],
  ])('%s for %s: %s', (taxId, country, fits) => {
    expect(taxIdFits(taxId, country)).toBe(fits);
  });
});

describe('customer details: trading name, tax id, country, addresses', () => {
  it('creates a customer with them: the country’s name from its ISO code, "same as admin" by default, searchable by trading name and tax id', async () => {
    const res = await http.post('/api/customers', { ...BASE, tradingName: 'Helios', taxId: 'el094259216', countryCode: 'GR', deliveryAddress: WAREHOUSE }, cookies.cash);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      tradingName: 'Helios', taxId: 'EL094259216', countryCode: 'GR', country: 'Greece', billingAddress: null,
      deliveryAddress: { ...WAREHOUSE, country: 'Greece' },
    });
    for (const search of ['helios', 'EL094259216']) {
      const found = await http.get(`/api/customers?search=${search}`, cookies.cash);
      expect(found.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
    }
  });

  it('refuses a tax id that does not fit the country, an unknown country code and a half-filled address (400), creating nothing', async () => {
    const before = await Customer.collection.countDocuments();
    const bad = [
      { ...BASE, email: 'a@x.example', taxId: 'EL123', countryCode: 'GR' },
      { ...BASE, email: 'b@x.example', countryCode: 'XX' },
      { ...BASE, email: 'c@x.example', countryCode: 'GR', billingAddress: { address: '1 Road', countryCode: 'GR' } },
      { ...BASE, email: 'd@x.example', taxId: 'EL<script>' },
    ];
    for (const body of bad) {
      const res = await http.post('/api/customers', body, cookies.cash);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const wrong = await http.post('/api/customers', bad[0]!, cookies.cash);
    expect(wrong.body.error.fields).toEqual({ taxId: 'This is not a valid VAT / tax id for Greece.' });
    expect(await Customer.collection.countDocuments()).toBe(before);
  });

  it('edits them, audits what really changed, and checks a new tax id against the stored country', async () => {
    const id = demoId('customer:cash:21');
    const c = (await Customer.collection.findOne({ _id: id }))!;
    const fields = { companyName: c.companyName, email: c.email, phone: c.phone, address: c.address, city: c.city, country: c.country, state: c.state, postcode: c.postcode };
    const first = await http.put(`/api/customers/${id}`, { ...fields, countryCode: 'DE', taxId: 'DE123456789', billingAddress: { ...WAREHOUSE, countryCode: 'DE' }, revision: c.revision }, cookies.cash);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ country: 'Germany', countryCode: 'DE', billingAddress: { country: 'Germany' } });
    const again = await http.put(`/api/customers/${id}`, { ...fields, country: 'Germany', countryCode: 'DE', taxId: 'DE123456789', billingAddress: { ...WAREHOUSE, countryCode: 'DE' }, revision: first.body.revision }, cookies.cash);
    expect(again.status).toBe(200);
    const events = await AuditEvent.collection.find({ action: 'customer.updated', 'target.id': id }).sort({ at: 1 }).toArray();
    expect(Object.keys(events.at(-2)!.changes).sort()).toEqual(['billingAddress', 'country', 'countryCode', 'taxId']);
    expect(events.at(-1)!.changes).toBeNull();
    const badTax = await http.put(`/api/customers/${id}`, { ...fields, taxId: 'EL094259216', revision: again.body.revision }, cookies.cash);
    expect(badTax.status).toBe(400);
  });
});

describe('the address an order ships to', () => {
  let product: { _id: Types.ObjectId };
  beforeAll(async () => {
    product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), active: true, provisioning: 'automatic' })) as never;
  });
  const place = (who: DemoAccount, customerId: Types.ObjectId, deliverTo?: string) =>
    http.post('/api/orders', { customerId: String(customerId), idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }], ...(deliverTo ? { deliverTo } : {}) }, cookies[who]);

  it('is offered from the customer’s addresses, the delivery one preferred; the buyer sees only its own company’s', async () => {
    const buyerCompany = demoId('customer:cash:0');
    await Customer.collection.updateOne({ _id: buyerCompany }, { $set: { deliveryAddress: { ...WAREHOUSE, country: 'Greece' } } });
    const res = await http.get(`/api/customers/${buyerCompany}/delivery-addresses`, cookies.buyer);
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { kind: string; preferred: boolean }) => [o.kind, o.preferred])).toEqual([['admin', false], ['delivery', true]]);
    expect((await http.get(`/api/customers/${demoId('customer:cash:1')}/delivery-addresses`, cookies.buyer)).status).toBe(404);
    expect((await http.get(`/api/customers/${buyerCompany}/delivery-addresses`, cookies.card)).status).toBe(404);

    const byDefault = await place('buyer', buyerCompany);
    expect(byDefault.status).toBe(201);
    expect(byDefault.body.deliveryAddress).toEqual({ kind: 'delivery', ...WAREHOUSE, country: 'Greece' });
    const toMain = await place('buyer', buyerCompany, 'admin');
    expect(toMain.body.deliveryAddress).toMatchObject({ kind: 'admin', countryCode: expect.any(String) });
    // A later change of the customer's address never moves an order placed before it.
    await Customer.collection.updateOne({ _id: buyerCompany }, { $set: { deliveryAddress: null } });
    expect((await http.get(`/api/orders/${byDefault.body.id}`, cookies.buyer)).body.deliveryAddress.city).toBe('Piraeus');
  });

  it('refuses an address the customer does not have (400), placing nothing', async () => {
    const customer = demoId('customer:cash:22');
    const before = await Order.collection.countDocuments({ customerId: customer });
    const res = await place('cash', customer, 'billing');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('deliverTo');
    expect(await Order.collection.countDocuments({ customerId: customer })).toBe(before);
  });
});
