/**
 * Every route × every persona × objects of its own tenant, a sibling reseller and the other
 * distributor. A route missing from MATRIX fails the suite, so each new feature has to join it.
 */
import type { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../db/demo-ids.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { buildRoutes } from '../routes.js';
import { api, buildTestApp, testConfig, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const allRoutes = buildRoutes(testConfig());
const app = buildTestApp();
const http = api(app);

interface Persona {
  account: DemoAccount;
  role: Role;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  customerId: Types.ObjectId | null;
}
const northwind = demoId('distributor:northwind');
const contoso = demoId('distributor:contoso');
const PERSONAS: Persona[] = [
  { account: 'distributor', role: 'distributor', distributorId: northwind, resellerId: null, customerId: null },
  { account: 'card', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:card'), customerId: null },
  { account: 'cash', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:cash'), customerId: null },
  { account: 'deposit', role: 'reseller', distributorId: northwind, resellerId: demoId('reseller:deposit'), customerId: null },
  { account: 'buyer', role: 'storefront', distributorId: northwind, resellerId: demoId('reseller:cash'), customerId: demoId('customer:cash:0') },
  { account: 'otherDistributor', role: 'distributor', distributorId: contoso, resellerId: null, customerId: null },
  { account: 'otherReseller', role: 'reseller', distributorId: contoso, resellerId: demoId('reseller:other'), customerId: null },
];

/** Customers to aim at: one per reseller of each distributor, plus the buyer's company. */
const CUSTOMER_TARGETS = ['customer:cash:0', 'customer:cash:5', 'customer:card:5', 'customer:deposit:5', 'customer:other:5'].map(demoId);

type Body = (target: { id: Types.ObjectId }) => Promise<object> | object;
interface Entry {
  /** Roles allowed; others must get 403. Checked against the route's own declaration too. */
  roles: readonly Role[] | 'public';
  /** What `:id` names, when the route has one. */
  target?: 'customer' | 'storefrontUser' | 'order';
  body?: Body;
  query?: string;
  /** For state-dependent actions on one's own objects: 409 is as right as success. */
  alsoOk?: number[];
}

const revisionOf = async ({ id }: { id: Types.ObjectId }) => (await Customer.collection.findOne({ _id: id }))!.revision as number;
const customerFields = async ({ id }: { id: Types.ObjectId }) => {
  const c = (await Customer.collection.findOne({ _id: id }))!;
  return { companyName: c.companyName, email: c.email, phone: c.phone, address: c.address, city: c.city, country: c.country, state: c.state, postcode: c.postcode, revision: c.revision };
};

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { roles: 'public' },
  'POST /api/auth/login': { roles: 'public' },
  'POST /api/auth/logout': { roles: 'public' },
  'GET /api/auth/session': { roles: 'public' },
  'GET /api/openapi.json': { roles: 'public' },
  'GET /.well-known/jwks.json': { roles: 'public' },
  'GET /api/auth/me': { roles: ['distributor', 'reseller', 'storefront'] },
  'GET /api/overview': { roles: ['distributor', 'reseller', 'storefront'] },
  'GET /api/resellers': { roles: ['distributor'] },
  'GET /api/customers': { roles: ['distributor', 'reseller'], query: '?limit=200' },
  'GET /api/customers/stats': { roles: ['distributor', 'reseller'] },
  'GET /api/customers/export.xlsx': { roles: ['distributor', 'reseller'] },
  'POST /api/customers': {
    roles: ['reseller'],
    body: () => ({ companyName: 'Matrix Co', email: `m${Math.random().toString(36).slice(2)}@matrix.example`, phone: '+30 210 0000000', address: '1 Road', city: 'Athens', country: 'Greece', state: 'Attica', postcode: '10552' }),
  },
  'GET /api/customers/:id': { roles: ['distributor', 'reseller'], target: 'customer' },
  'PUT /api/customers/:id': { roles: ['reseller'], target: 'customer', body: customerFields },
  'PUT /api/customers/:id/order-approval': { roles: ['reseller'], target: 'customer', body: () => ({ required: true }) },
  'PUT /api/customers/:id/active': { roles: ['reseller'], target: 'customer', body: async (t) => ({ active: true, revision: await revisionOf(t) }) },
  'POST /api/customers/:id/sso-links': { roles: ['reseller'], target: 'customer', body: () => ({ target: 'services' }) },
  'POST /api/auth/activate': { roles: 'public' },
  'POST /api/auth/reset-password': { roles: 'public' },
  'POST /api/auth/forgot-password': { roles: 'public' },
  'POST /api/auth/link-status': { roles: 'public' },
  'GET /api/dev/mail': { roles: ['distributor', 'reseller'] },
  'GET /api/customers/:id/storefront-users': { roles: ['distributor', 'reseller'], target: 'customer' },
  'POST /api/customers/:id/storefront-users': {
    roles: ['reseller'],
    target: 'customer',
    body: () => ({ firstName: 'Matrix', lastName: 'User', email: `u${Math.random().toString(36).slice(2)}@matrix.example`, language: 'en', dateFormat: 'DD/MM/YYYY' }),
  },
  'POST /api/storefront-users/:id/resend-activation': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/reset-password': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/deactivate': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'POST /api/storefront-users/:id/activate': { roles: ['reseller'], target: 'storefrontUser', alsoOk: [409] },
  'GET /api/orders': { roles: ['distributor', 'reseller', 'storefront'], query: '?limit=200' },
  'GET /api/orders/:id': { roles: ['distributor', 'reseller', 'storefront'], target: 'order' },
  'POST /api/orders/:id/accept': { roles: ['reseller'], target: 'order', alsoOk: [409] },
  'POST /api/orders/:id/cancel': { roles: ['reseller', 'distributor'], target: 'order', alsoOk: [409] },
  'POST /api/orders/:id/mark-executed': { roles: ['distributor'], target: 'order', alsoOk: [409] },
  // Each order of the list is decided on its own (tested in orders/); here: who may call it at all.
  'POST /api/orders/decisions': { roles: ['reseller', 'distributor'], body: () => ({ decision: 'cancel', ids: [String(demoId('nobody'))] }) },
  // Aimed at the buyer's company: its own user and its reseller place (201); other staff find no such customer (404).
  'POST /api/orders': {
    roles: ['reseller', 'storefront'],
    body: async () => ({
      customerId: String(CUSTOMER_TARGETS[0]),
      idempotencyKey: `matrix-${Math.random().toString(36).slice(2)}-key`,
      lines: [{ productId: String((await Product.collection.findOne({ distributorId: northwind, active: true }))!._id), quantity: 1 }],
    }),
    alsoOk: [404],
  },
  'GET /api/catalogue': { roles: ['reseller', 'storefront'] },
};

/** Storefront users to aim at: one of each reseller's, never the buyer (whose session the matrix uses). */
const userTargets: Types.ObjectId[] = [];
/** Orders to aim at: a waiting and an in-progress one of each reseller, and one of the buyer's company. */
const orderTargets: Types.ObjectId[] = [];

const cookies = new Map<DemoAccount, string>();
const foreignIds = new Map<DemoAccount, Set<string>>();

/** Every id in the database that lies outside the persona's subtree (ancestors are not foreign). */
async function idsOutside(p: Persona): Promise<Set<string>> {
  const outside = new Set<string>();
  const add = (docs: { _id: unknown }[]) => docs.forEach((d) => outside.add(String(d._id)));
  const notMine = (field: string, mine: Types.ObjectId | null) => (mine ? { [field]: { $ne: mine } } : null);
  add(await Distributor.collection.find({ _id: { $ne: p.distributorId } }, { projection: { _id: 1 } }).toArray());
  for (const [model, tree] of [
    [Reseller, { distributorId: 'distributorId', resellerId: '_id', customerId: null }],
    [Customer, { distributorId: 'distributorId', resellerId: 'resellerId', customerId: '_id' }],
    [User, { distributorId: 'distributorId', resellerId: 'resellerId', customerId: 'customerId' }],
    [Order, { distributorId: 'distributorId', resellerId: 'resellerId', customerId: 'customerId' }],
    [Product, { distributorId: 'distributorId', resellerId: null, customerId: null }],
  ] as const) {
    const or = [
      notMine(tree.distributorId, p.distributorId),
      tree.resellerId ? notMine(tree.resellerId, p.resellerId) : null,
      tree.customerId ? notMine(tree.customerId, p.customerId) : null,
    ].filter(Boolean);
    add(await model.collection.find({ $or: or as object[] }, { projection: { _id: 1 } }).toArray());
  }
  return outside;
}

function idsIn(body: unknown): string[] {
  return JSON.stringify(body ?? null).match(/\b[0-9a-f]{24}\b/g) ?? [];
}

function sees(p: Persona, customer: { distributorId: Types.ObjectId; resellerId: Types.ObjectId; _id: Types.ObjectId }) {
  if (!p.distributorId.equals(customer.distributorId)) return false;
  if (p.resellerId && !p.resellerId.equals(customer.resellerId)) return false;
  if (p.customerId && !p.customerId.equals(customer._id)) return false;
  return true;
}

async function call(method: string, path: string, cookie: string, body?: object) {
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  if (m === 'get') return http.get(path, cookie);
  if (m === 'delete') return http.delete(path, cookie);
  return http[m](path, body ?? {}, cookie);
}

beforeAll(async () => {
  for (const key of ['cash', 'card', 'deposit', 'other']) {
    const u = await User.collection.findOne({ role: 'storefront', resellerId: demoId(`reseller:${key}`), email: { $ne: 'buyer@demo.example' } });
    userTargets.push(u!._id as Types.ObjectId);
    for (const status of ['pending_approval', 'in_progress']) {
      const o = await Order.collection.findOne({ resellerId: demoId(`reseller:${key}`), status, customerId: { $ne: CUSTOMER_TARGETS[0] } });
      if (o) orderTargets.push(o._id as Types.ObjectId);
    }
  }
  orderTargets.push((await Order.collection.findOne({ customerId: CUSTOMER_TARGETS[0] }))!._id as Types.ObjectId);
  for (const p of PERSONAS) {
    cookies.set(p.account, await signIn(app, p.account));
    foreignIds.set(p.account, await idsOutside(p));
  }
});

describe('the tenancy matrix', () => {
  it('has an entry for every route of the BFF, matching the roles the route declares', () => {
    for (const route of allRoutes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const entry = MATRIX[key];
      expect(entry, `${key} has no entry in the tenancy matrix`).toBeDefined();
      if (route.access === 'public') expect(entry!.roles, key).toBe('public');
      else expect([...route.roles].sort(), key).toEqual([...(entry!.roles as Role[])].sort());
      expect(Boolean(entry!.target), `${key}: routes with an :id need a target`).toBe(route.path.includes(':id'));
    }
  });

  for (const route of allRoutes) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    const entry = MATRIX[key];
    if (!entry || entry.roles === 'public') continue;
    const roles = entry.roles;

    it(`${key}: 401 without a session`, async () => {
      const path = route.path.replace(':id', String(entry.target === 'customer' ? CUSTOMER_TARGETS[0] : demoId('nobody')));
      const res = await call(route.method, path, '', {});
      expect(res.status).toBe(401);
    });

    if (!entry.target) {
      it(`${key}: each persona gets its own data (or 403), and never a foreign id`, async () => {
        for (const p of PERSONAS) {
          const res = await call(route.method, `${route.path}${entry.query ?? ''}`, cookies.get(p.account)!, await entry.body?.({ id: CUSTOMER_TARGETS[0]! }));
          const expected = roles.includes(p.role) ? route.success.status : 403;
          if (expected === route.success.status && entry.alsoOk?.includes(res.status)) continue;
          expect(res.status, `${key} as ${p.account}: ${JSON.stringify(res.body)}`).toBe(expected);
          const leaked = idsIn(res.body).filter((id) => foreignIds.get(p.account)!.has(id));
          expect(leaked, `${key} as ${p.account} leaked foreign ids`).toEqual([]);
        }
      });
      continue;
    }

    it(`${key}: own subtree as the role permits, sibling reseller and other distributor 404, never a foreign id`, async () => {
      const { collection, targets } = {
        customer: { collection: Customer.collection, targets: CUSTOMER_TARGETS },
        storefrontUser: { collection: User.collection, targets: userTargets },
        order: { collection: Order.collection, targets: orderTargets },
      }[entry.target!];
      for (const p of PERSONAS) {
        for (const id of targets) {
          const stored = (await collection.findOne({ _id: id }))!;
          // Where the object sits in the tree, as a customer: users and orders by their customer.
          const place = entry.target === 'customer' ? stored : { ...stored, _id: stored.customerId };
          const before = JSON.stringify(stored);
          const res = await call(route.method, route.path.replace(':id', String(id)), cookies.get(p.account)!, await entry.body?.({ id }));
          const expected = !roles.includes(p.role) ? 403 : sees(p, place as unknown as Parameters<typeof sees>[1]) ? route.success.status : 404;
          const what = `${key} as ${p.account} on ${String(id)}`;
          if (expected === route.success.status && entry.alsoOk?.includes(res.status)) continue;
          expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(expected);
          if (expected !== route.success.status) {
            expect(JSON.stringify(await collection.findOne({ _id: id })), `${what} changed a refused object`).toBe(before);
          }
          const leaked = idsIn(res.body).filter((x) => foreignIds.get(p.account)!.has(x));
          expect(leaked, `${what} leaked foreign ids`).toEqual([]);
        }
      }
    });
  }
});
