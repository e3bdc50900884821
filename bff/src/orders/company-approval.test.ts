import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { whenDeliveriesSettled } from '../deliveries/courier.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { Order } from './order.model.js';

/*
 * The customer's own organisation: roles inside the company, the approval rules, the two approval
 * steps (company, then reseller) and the buyer's side. Blue Harbor (demo data) has an admin
 * (buyer@), two buyers with a monthly limit (bob, carla), an approver and an accounts user.
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const blueHarbor = demoId('customer:cash:0');
const ACCOUNTS = {
  admin: 'buyer@demo.example',
  bob: 'bob.buyer@demo.example',
  carla: 'carla.buyer@demo.example',
  approver: 'approver@demo.example',
  viewer: 'accounts@demo.example',
  cash: 'reseller.cash@demo.example',
  card: 'reseller.card@demo.example',
} as const;
const cookies = {} as Record<keyof typeof ACCOUNTS, string>;
let product: { _id: Types.ObjectId };

const key = () => randomUUID().replace(/-/g, '');
const place = (who: keyof typeof ACCOUNTS, extra: object = {}, quantity = 1) =>
  http.post('/api/orders', { idempotencyKey: key(), lines: [{ productId: String(product._id), quantity }], ...extra }, cookies[who]);
const userId = async (email: string) => String((await User.collection.findOne({ email }))!._id);
const setRule = (rule: object) => http.put(`/api/customers/${blueHarbor}/approval-rule`, rule, cookies.cash);

beforeAll(async () => {
  for (const who of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) cookies[who] = await signIn(app, ACCOUNTS[who]);
  product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'automatic', billing: 'one_time', active: true }))!;
});

describe('roles inside the company', () => {
  it('a viewer cannot order (403) and nothing is stored; its abilities say so', async () => {
    const before = await Order.collection.countDocuments({ customerId: blueHarbor });
    expect((await place('viewer')).status).toBe(403);
    expect(await Order.collection.countDocuments({ customerId: blueHarbor })).toBe(before);
    expect((await http.get('/api/auth/me', cookies.viewer)).body.abilities).toMatchObject({ placeOrders: false, approveOrders: false });
    expect((await http.get('/api/auth/me', cookies.approver)).body.abilities).toMatchObject({ placeOrders: false, approveOrders: true });
    expect((await http.get('/api/auth/me', cookies.bob)).body.abilities).toMatchObject({ placeOrders: true, approveOrders: false });
  });

  it('the reseller and the company admin set roles and limits; a buyer may not, nor the admin its own, nor anyone another company’s', async () => {
    const carla = await userId(ACCOUNTS.carla);
    const body = { companyRole: 'buyer', orderLimit: 2500, monthlyLimit: 3000 };
    const byAdmin = await http.put(`/api/storefront-users/${carla}/company-role`, body, cookies.admin);
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
    expect(byAdmin.body.user).toMatchObject({ companyRole: 'buyer', orderLimit: 2500, monthlyLimit: 3000 });
    expect(await AuditEvent.collection.countDocuments({ 'target.id': new Types.ObjectId(carla), action: 'storefront_user.role_changed' })).toBe(1);
    expect((await http.put(`/api/storefront-users/${carla}/company-role`, { ...body, orderLimit: null }, cookies.cash)).status).toBe(200);
    expect((await http.put(`/api/storefront-users/${carla}/company-role`, body, cookies.bob)).status).toBe(403);
    expect((await http.put(`/api/storefront-users/${await userId(ACCOUNTS.admin)}/company-role`, { companyRole: 'viewer' }, cookies.admin)).status).toBe(403);
    expect((await http.put(`/api/storefront-users/${carla}/company-role`, body, cookies.card)).status).toBe(404);
    expect((await http.put(`/api/storefront-users/${carla}/company-role`, { companyRole: 'boss' }, cookies.cash)).status).toBe(400);
    expect((await http.put(`/api/storefront-users/${carla}/company-role`, { companyRole: 'buyer', orderLimit: -5 }, cookies.cash)).status).toBe(400);
    // Back as the demo has her.
    await http.put(`/api/storefront-users/${carla}/company-role`, { companyRole: 'buyer', monthlyLimit: 3000 }, cookies.cash);
  });

  it('the company admin lists its own company’s users with their roles; a buyer may not', async () => {
    const list = await http.get(`/api/customers/${blueHarbor}/storefront-users`, cookies.admin);
    expect(list.status).toBe(200);
    const roles = new Set(list.body.items.map((u: { companyRole: string }) => u.companyRole));
    expect(roles).toEqual(new Set(['admin', 'buyer', 'approver', 'viewer']));
    expect((await http.get(`/api/customers/${blueHarbor}/storefront-users`, cookies.bob)).status).toBe(403);
    expect((await http.get(`/api/customers/${demoId('customer:cash:5')}/storefront-users`, cookies.admin)).status).toBe(404);
  });
});

describe('two-step approval', () => {
  it('a buyer’s order waits for the company’s approver, then for the reseller; every step in the history and the mail to whoever acts next', async () => {
    await setRule({ mode: 'always' });
    const placed = await place('bob', { reference: 'PO-7781', note: 'For the Leeds office' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pending_company_approval', reference: 'PO-7781', note: 'For the Leeds office' });
    expect(placed.body.approval.company.code).toBe('company');
    expect(placed.body.approval.reseller.code).toBe('always');
    expect(placed.body.abilities).toMatchObject({ accept: false, cancel: true });
    const id = placed.body.id as string;
    await whenDeliveriesSettled();
    const mails = async () => (await Delivery.collection.find({ 'mail.subject': { $regex: placed.body.number } }).toArray()).map((d) => `${d.topic} ${d.mail.to}`).sort();
    expect(await mails()).toEqual([`order.received ${ACCOUNTS.bob}`, `order.waiting ${ACCOUNTS.approver}`]);

    // The reseller cannot accept it yet; a buyer cannot approve; the approver can.
    expect((await http.post(`/api/orders/${id}/accept`, {}, cookies.cash)).status).toBe(409);
    expect((await http.post(`/api/orders/${id}/accept`, {}, cookies.carla)).status).toBe(403);
    const approved = await http.post(`/api/orders/${id}/accept`, { note: 'OK for Leeds' }, cookies.approver);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('pending_approval');
    await whenDeliveriesSettled();
    expect(await mails()).toContain(`order.waiting ${ACCOUNTS.cash}`);

    expect((await http.post(`/api/orders/${id}/accept`, {}, cookies.approver)).status).toBe(403);
    const accepted = await http.post(`/api/orders/${id}/accept`, {}, cookies.cash);
    expect(accepted.status).toBe(200);
    expect(accepted.body.history.map((h: { to: string }) => h.to)).toEqual(['pending_company_approval', 'pending_approval', 'executed']);
  });

  it('without a rule of the reseller’s, the company’s approval sends it straight on', async () => {
    await setRule({ mode: 'never' });
    const placed = await place('bob');
    expect(placed.body.status).toBe('pending_company_approval');
    const approved = await http.post(`/api/orders/${placed.body.id}/accept`, {}, cookies.approver);
    expect(approved.body.status).toBe('executed');
  });

  it('50 approvers racing at the company step: exactly one wins', async () => {
    await setRule({ mode: 'always' });
    const id = (await place('bob')).body.id as string;
    const answers = await Promise.all(Array.from({ length: 50 }, () => http.post(`/api/orders/${id}/accept`, {}, cookies.approver)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const stored = (await Order.collection.findOne({ _id: new Types.ObjectId(id) }))!;
    expect(stored.history.filter((h: { from: string }) => h.from === 'pending_company_approval')).toHaveLength(1);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': stored._id, action: 'order.accepted' })).toBe(1);
  });

  it('50 racing at the reseller step after the company’s approval: exactly one wins', async () => {
    await setRule({ mode: 'always' });
    const id = (await place('bob')).body.id as string;
    expect((await http.post(`/api/orders/${id}/accept`, {}, cookies.approver)).body.status).toBe('pending_approval');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => http.post(`/api/orders/${id}/${i % 2 ? 'accept' : 'cancel'}`, {}, cookies.cash)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
  });

  it('an approver of another company finds no such order (404)', async () => {
    const id = (await place('bob')).body.id as string;
    const foreign = await User.collection.findOne({ role: 'storefront', state: 'active', customerId: { $ne: blueHarbor }, resellerId: demoId('reseller:cash') });
    await User.collection.updateOne({ _id: foreign!._id }, { $set: { companyRole: 'approver' } });
    const cookie = await signIn(app, foreign!.email as string);
    expect((await http.post(`/api/orders/${id}/accept`, {}, cookie)).status).toBe(404);
    expect((await http.post(`/api/orders/${id}/cancel`, {}, cookie)).status).toBe(404);
  });
});

describe('approval rules and spending limits', () => {
  it('"above an amount": a total at or over it waits with its reason; under it goes ahead', async () => {
    await setRule({ mode: 'above', aboveAmount: 1 });
    const big = await place('admin', {}, 3);
    expect(big.body.status).toBe('pending_approval');
    expect(big.body.approval.reseller).toMatchObject({ code: 'above', threshold: 1 });
    expect(big.body.approval.reseller.text).toMatch(/^total €[\d,.]+ ≥ €1\.00$/);
    await setRule({ mode: 'above', aboveAmount: 1_000_000 });
    expect((await place('admin')).body.status).not.toBe('pending_approval');
    expect((await setRule({ mode: 'above' })).status).toBe(400);
  });

  it('a buyer’s per-order limit makes an order over it wait for the reseller, even when the rule is never', async () => {
    await User.collection.updateMany({ customerId: blueHarbor, companyRole: 'approver' }, { $set: { companyRole: 'viewer' } });
    try {
      await setRule({ mode: 'never' });
      const bob = await userId(ACCOUNTS.bob);
      await http.put(`/api/storefront-users/${bob}/company-role`, { companyRole: 'buyer', orderLimit: 0.01 }, cookies.cash);
      const placed = await place('bob');
      expect(placed.body.status).toBe('pending_approval');
      expect(placed.body.approval).toMatchObject({ company: null, reseller: { code: 'order_limit', threshold: 0.01 } });
      await http.put(`/api/storefront-users/${bob}/company-role`, { companyRole: 'buyer', monthlyLimit: 5000 }, cookies.cash);
    } finally {
      await User.collection.updateOne({ email: ACCOUNTS.approver }, { $set: { companyRole: 'approver' } });
    }
  });

  it('a credit-card reseller’s customer cannot be set to anything but always (409)', async () => {
    const cardCustomer = demoId('customer:card:5');
    expect((await http.put(`/api/customers/${cardCustomer}/approval-rule`, { mode: 'never' }, cookies.card)).status).toBe(409);
    expect((await http.put(`/api/customers/${cardCustomer}/approval-rule`, { mode: 'always' }, cookies.card)).status).toBe(200);
    const detail = (await http.get(`/api/customers/${cardCustomer}`, cookies.card)).body;
    expect(detail.orderApproval).toMatchObject({ mode: 'always', forcedByPaymentMethod: true });
  });

  it('the old switch keeps working as always / never', async () => {
    await http.put(`/api/customers/${blueHarbor}/order-approval`, { required: false }, cookies.cash);
    expect((await Customer.collection.findOne({ _id: blueHarbor }))!.approvalRule).toMatchObject({ mode: 'never' });
    const on = await http.put(`/api/customers/${blueHarbor}/order-approval`, { required: true }, cookies.cash);
    expect(on.body.orderApproval).toMatchObject({ mode: 'always', required: true });
  });
});

describe('the buyer’s side', () => {
  it('a buyer cancels its own waiting order, not another buyer’s', async () => {
    await setRule({ mode: 'always' });
    const mine = (await place('bob')).body.id as string;
    expect((await http.post(`/api/orders/${mine}/cancel`, {}, cookies.carla)).status).toBe(403);
    const canceled = await http.post(`/api/orders/${mine}/cancel`, { note: 'Ordered twice' }, cookies.bob);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect((await http.post(`/api/orders/${mine}/cancel`, {}, cookies.bob)).status).toBe(409);
  });

  it('the reference is searchable in the orders grids and shown to staff and in the export', async () => {
    const ref = `PO-${key().slice(0, 8)}`;
    await place('admin', { reference: ref, note: 'Deliver after 5 pm' });
    const found = await http.get(`/api/orders?search=${ref.toLowerCase()}&total=1`, cookies.cash);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ reference: ref, note: 'Deliver after 5 pm' });
    expect((await place('admin', { reference: 'x'.repeat(61) })).status).toBe(400);
  });

  it('an executed order offers "Order again" to those who place orders, not to a viewer or staff', async () => {
    await setRule({ mode: 'never' });
    const id = (await place('admin')).body.id as string;
    expect((await http.get(`/api/orders/${id}`, cookies.admin)).body.abilities.orderAgain).toBe(true);
    expect((await http.get(`/api/orders/${id}`, cookies.viewer)).body.abilities.orderAgain).toBe(false);
    expect((await http.get(`/api/orders/${id}`, cookies.cash)).body.abilities.orderAgain).toBe(false);
  });
});
