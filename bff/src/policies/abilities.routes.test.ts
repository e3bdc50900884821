import { describe, expect, it } from 'vitest';
import type { UserState } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { buildRoutes } from '../routes.js';
import { api, buildTestApp, signIn, testConfig, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { customerPolicy } from './customer.js';
import { storefrontUserPolicy } from './storefront-user.js';

/*
 * The abilities the API sends must agree with what the routes then do: an ability that says yes
 * is a request that succeeds, one that says no is refused (403 for the role, 409 for the state).
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cashCustomer = demoId('customer:cash:4');
const cardCustomer = demoId('customer:card:4');

const ok = (status: number) => status >= 200 && status < 300;

describe('route roles come from the policies', () => {
  it('admits exactly the roles the policy names', () => {
    const routes = Object.fromEntries(buildRoutes(testConfig()).map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]));
    expect((routes['PUT /api/customers/:id'] as { roles: unknown }).roles).toEqual(customerPolicy.roles('customer.edit'));
    expect((routes['POST /api/customers'] as { roles: unknown }).roles).toEqual(customerPolicy.roles('customer.create'));
    expect((routes['PUT /api/customers/:id/order-approval'] as { roles: unknown }).roles).toEqual(customerPolicy.roles('customer.setOrderApproval'));
    expect((routes['POST /api/storefront-users/:id/deactivate'] as { roles: unknown }).roles).toEqual(storefrontUserPolicy.roles('storefrontUser.deactivate'));
  });
});

describe("a principal's abilities match the routes' answers", () => {
  it.each<DemoAccount>(['distributor', 'cash', 'card', 'buyer'])('%s', async (who) => {
    const cookie = await signIn(app, who);
    const me = (await http.get('/api/auth/me', cookie)).body;
    const answers = {
      listCustomers: (await http.get('/api/customers?limit=1', cookie)).status,
      exportCustomers: (await http.get('/api/customers/export.xlsx', cookie)).status,
      listResellers: (await http.get('/api/resellers', cookie)).status,
      // An empty body: allowed roles get 400 for the fields, the others 403 before any parsing.
      createCustomer: (await http.post('/api/customers', {}, cookie)).status,
      createReseller: (await http.post('/api/resellers', {}, cookie)).status,
      bulkEditCustomers: (await http.post('/api/customers/bulk', {}, cookie)).status,
      importCustomers: (await http.get('/api/customer-imports', cookie)).status,
    };
    for (const [ability, status] of Object.entries(answers)) {
      const allowed = me.abilities[ability] as boolean;
      expect(allowed ? status !== 403 : status === 403, `${who} ${ability}: ability ${allowed}, answer ${status}`).toBe(true);
    }
  });
});

describe("a customer's abilities match the routes' answers", () => {
  it.each<[DemoAccount, typeof cashCustomer]>([
    ['cash', cashCustomer],
    ['card', cardCustomer],
    ['distributor', cashCustomer],
  ])('%s on %s', async (who, customerId) => {
    const cookie = await signIn(app, who);
    const record = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    const fields = { companyName: record.companyName, email: record.email, phone: record.phone, address: record.address, city: record.city, country: record.country, state: record.state, postcode: record.postcode };
    const tries: Record<string, () => Promise<number>> = {
      edit: async () => (await http.put(`/api/customers/${customerId}`, { ...fields, revision: record.revision }, cookie)).status,
      setOrderApproval: async () => (await http.put(`/api/customers/${customerId}/order-approval`, { required: false }, cookie)).status,
      setActive: async () => {
        const now = (await Customer.collection.findOne({ _id: customerId }))!;
        return (await http.put(`/api/customers/${customerId}/active`, { active: true, revision: now.revision }, cookie)).status;
      },
      openWorkspace: async () => (await http.post(`/api/customers/${customerId}/sso-links`, { target: 'services' }, cookie)).status,
      addStorefrontUser: async () => (await http.post(`/api/customers/${customerId}/storefront-users`, {}, cookie)).status,
      placeOrder: async () => {
        const product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), active: true }))!;
        const body = { customerId: String(customerId), idempotencyKey: `abilities-${Date.now()}-${who}`, lines: [{ productId: String(product._id), quantity: 1 }] };
        return (await http.post('/api/orders', body, cookie)).status;
      },
    };
    for (const [ability, attempt] of Object.entries(tries)) {
      const status = await attempt();
      const allowed = record.abilities[ability] as boolean;
      // An ability that says yes may still meet a bad body (400), never a refusal.
      const refused = status === 403 || status === 409;
      expect(allowed ? !refused : refused, `${who} ${ability}: ability ${allowed}, answer ${status}`).toBe(true);
      if (!allowed) expect(ok(status)).toBe(false);
    }
  });
});

describe("a storefront user's abilities match the routes' answers, in every state", () => {
  const ACTIONS = { resendActivation: 'resend-activation', resetPassword: 'reset-password', deactivate: 'deactivate', activate: 'activate' } as const;
  const STATES: UserState[] = ['pending_activation', 'active', 'deactivated'];

  it.each<DemoAccount>(['cash', 'distributor'])('%s', async (who) => {
    const cookie = await signIn(app, who);
    const user = (await User.collection.findOne({ customerId: cashCustomer, role: 'storefront' }))!;
    for (const state of STATES) {
      for (const [ability, path] of Object.entries(ACTIONS)) {
        // Each try starts from the state under test (a successful action moves the user on).
        await User.collection.updateOne({ _id: user._id }, { $set: { state, passwordHash: state === 'pending_activation' ? null : 'x' } });
        const list = (await http.get(`/api/customers/${cashCustomer}/storefront-users`, cookie)).body;
        const shown = list.items.find((u: { id: string }) => u.id === String(user._id));
        const res = await http.post(`/api/storefront-users/${user._id}/${path}`, {}, cookie);
        const allowed = shown.abilities[ability] as boolean;
        expect(allowed ? ok(res.status) : [403, 409].includes(res.status), `${who} ${ability} on ${state}: ability ${allowed}, answer ${res.status}`).toBe(true);
      }
    }
  });
});
