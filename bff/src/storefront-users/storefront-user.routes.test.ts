import { Types } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { AccountToken } from '../auth/account-token.model.js';
import { whenResetMailsSettled } from '../auth/password-setup.service.js';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const customerId = demoId('customer:cash:3');
const cardCustomer = demoId('customer:card:3');
let n = 0;
const newUser = (over: object = {}) => ({ firstName: 'Nia', lastName: 'Nikolaou', email: `nia${++n}@example.test`, language: 'el', dateFormat: 'DD/MM/YYYY', ...over });

/** The link in the latest message to `to`, and the message itself. */
async function lastMail(to: string) {
  const msg = await OutboxMessage.findOne({ to }).sort({ createdAt: -1, _id: -1 }).lean();
  const link = /https?:\/\/\S+[?&]token=([A-Za-z0-9_-]+)/.exec(msg?.text ?? '');
  return { msg, token: link?.[1] ?? null, link: link?.[0] ?? null };
}

async function add(cookie: string, body = newUser(), customer = customerId) {
  return http.post(`/api/customers/${customer}/storefront-users`, body, cookie);
}

let cash: string;
beforeEach(async () => {
  cash ??= await signIn(app, 'cash');
});

describe('adding a storefront user', () => {
  it('starts pending, sends the welcome email in the user’s language with the reseller’s name, and audits', async () => {
    const body = newUser();
    const res = await add(cash, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailSent: true, user: { email: body.email, state: 'pending_activation', language: 'el', customerId: String(customerId) } });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const { msg, token } = await lastMail(body.email);
    expect(msg!.subject).toBe('Καλώς ήρθατε στο κατάστημα της Cashmere Cloud Partners');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await AccountToken.collection.findOne({ userId: new Types.ObjectId(res.body.user.id as string) });
    expect(stored!._id).not.toBe(token);
    expect(String(stored!._id)).toMatch(/^[0-9a-f]{64}$/);
    expect(await AuditEvent.collection.countDocuments({ action: 'storefront_user.created', 'target.id': new Types.ObjectId(res.body.user.id as string) })).toBe(1);
  });

  it('answers 400 naming every missing or invalid field, and adds nobody', async () => {
    const before = await User.collection.countDocuments({});
    const res = await http.post(`/api/customers/${customerId}/storefront-users`, { email: 'x', language: 'fr' }, cash);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['dateFormat', 'email', 'firstName', 'language', 'lastName']);
    expect(await User.collection.countDocuments({})).toBe(before);
  });

  it('refuses an email already used in the reseller’s storefront, also when two requests race', async () => {
    const body = newUser();
    const [a, b] = await Promise.all([add(cash, body), add(cash, { ...body, firstName: 'Other' }, demoId('customer:cash:4'))]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const refused = a.status === 400 ? a : b;
    expect(refused.body.error.fields.email).toMatch(/already has an account/);
    expect(await User.collection.countDocuments({ email: body.email })).toBe(1);
  });

  it('allows the same email in another reseller’s storefront', async () => {
    const body = newUser();
    expect((await add(cash, body)).status).toBe(201);
    expect((await add(await signIn(app, 'card'), body, cardCustomer)).status).toBe(201);
  });

  it('is 404 for another reseller’s customer and 403 for a distributor or a storefront user', async () => {
    expect((await add(cash, newUser(), cardCustomer)).status).toBe(404);
    expect((await add(await signIn(app, 'distributor'), newUser())).status).toBe(403);
    expect((await add(await signIn(app, 'buyer'), newUser())).status).toBe(403);
  });
});

describe('activation and password links', () => {
  it('activate with the link, sign in, and the link does not work twice', async () => {
    const body = newUser({ language: 'en' });
    await add(cash, body);
    const { token } = await lastMail(body.email);
    const weak = await http.post('/api/auth/activate', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBeDefined();
    const ok = await http.post('/api/auth/activate', { token, password: 'Correct-Horse-42' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ email: body.email });
    expect((await http.post('/api/auth/login', { email: body.email, password: 'Correct-Horse-42' })).status).toBe(200);
    const again = await http.post('/api/auth/activate', { token, password: 'Another-Pass-43' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('link_invalid');
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(true);
    const user = await User.collection.findOne({ email: body.email, customerId });
    expect(await AuditEvent.collection.countDocuments({ 'target.id': user!._id, action: 'account.activated' })).toBe(1);
  });

  it('refuses an expired link', async () => {
    const body = newUser();
    await add(cash, body);
    const { token } = await lastMail(body.email);
    await AccountToken.collection.updateMany({ usedAt: null }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await http.post('/api/auth/activate', { token, password: 'Correct-Horse-42' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('link_invalid');
  });

  it('resending the activation link makes the previous link stop working', async () => {
    const body = newUser();
    const created = await add(cash, body);
    const first = (await lastMail(body.email)).token;
    const resent = await http.post(`/api/storefront-users/${created.body.user.id}/resend-activation`, {}, cash);
    expect(resent.status).toBe(200);
    const second = (await lastMail(body.email)).token;
    expect(second).not.toBe(first);
    expect((await http.post('/api/auth/activate', { token: first, password: 'Correct-Horse-42' })).status).toBe(400);
    expect((await http.post('/api/auth/activate', { token: second, password: 'Correct-Horse-42' })).status).toBe(200);
  });

  it('forgot-password answers the same for an unknown email and a known one, and only the known one gets mail', async () => {
    const before = await OutboxMessage.countDocuments({});
    const unknown = await http.post('/api/auth/forgot-password', { email: 'nobody@nowhere.example' });
    const known = await http.post('/api/auth/forgot-password', { email: 'buyer@demo.example' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    await whenResetMailsSettled();
    expect(await OutboxMessage.countDocuments({})).toBe(before + 1);
    const { token } = await lastMail('buyer@demo.example');
    const old = await signIn(app, 'buyer');
    expect((await http.post('/api/auth/reset-password', { token, password: 'New-Buyer-Pass-1' })).status).toBe(200);
    expect((await http.get('/api/auth/me', old)).status).toBe(401);
    expect((await http.post('/api/auth/login', { email: 'buyer@demo.example', password: 'New-Buyer-Pass-1' })).status).toBe(200);
    expect((await http.post('/api/auth/reset-password', { token, password: 'Third-Pass-22' })).status).toBe(400);
  });
});

describe('row actions follow the state', () => {
  async function userIn(state: 'pending_activation' | 'active' | 'deactivated') {
    const body = newUser();
    const res = await add(cash, body);
    const id = res.body.user.id as string;
    if (state !== 'pending_activation') {
      const { token } = await lastMail(body.email);
      await http.post('/api/auth/activate', { token, password: 'Correct-Horse-42' });
    }
    if (state === 'deactivated') await http.post(`/api/storefront-users/${id}/deactivate`, {}, cash);
    return { id, email: body.email };
  }

  const matrix: [string, 'pending_activation' | 'active' | 'deactivated', number, string | null][] = [
    ['resend-activation', 'pending_activation', 200, 'pending_activation'],
    ['resend-activation', 'active', 409, null],
    ['resend-activation', 'deactivated', 409, null],
    ['reset-password', 'active', 200, 'active'],
    ['reset-password', 'pending_activation', 409, null],
    ['reset-password', 'deactivated', 409, null],
    ['deactivate', 'active', 200, 'deactivated'],
    ['deactivate', 'pending_activation', 200, 'deactivated'],
    ['deactivate', 'deactivated', 409, null],
    ['activate', 'deactivated', 200, 'active'],
    ['activate', 'active', 409, null],
    ['activate', 'pending_activation', 409, null],
  ];
  const AUDITED_AS: Record<string, string> = {
    'resend-activation': 'storefront_user.activation_resent',
    'reset-password': 'storefront_user.password_reset_sent',
    deactivate: 'storefront_user.deactivated',
    activate: 'storefront_user.activated',
  };
  it.each(matrix)('%s on a %s user answers %i, with an audit event only when it acts', async (action, state, status, after) => {
    const { id } = await userIn(state);
    const userId = new Types.ObjectId(id);
    const before = await User.collection.findOne({ _id: userId });
    const audited = () => AuditEvent.collection.countDocuments({ 'target.id': userId, action: AUDITED_AS[action] });
    const auditedBefore = await audited();
    const res = await http.post(`/api/storefront-users/${id}/${action}`, {}, cash);
    expect(res.status).toBe(status);
    const now = await User.collection.findOne({ _id: userId });
    if (after) expect(res.body.user.state).toBe(after);
    else expect(now!.state).toBe(before!.state);
    expect(await audited()).toBe(auditedBefore + (status === 200 ? 1 : 0));
    expect(now!.pendingAudit ?? []).toEqual([]);
  });

  it('activating a deactivated user who never set a password brings them back to pending', async () => {
    const { id } = await userIn('pending_activation');
    await http.post(`/api/storefront-users/${id}/deactivate`, {}, cash);
    const res = await http.post(`/api/storefront-users/${id}/activate`, {}, cash);
    expect(res.body.user.state).toBe('pending_activation');
  });

  it('deactivation ends the user’s session at once and their pending links, and tells them why', async () => {
    const { id, email } = await userIn('active');
    const cookie = await signIn(app, email, 'Correct-Horse-42');
    expect((await http.get('/api/overview', cookie)).status).toBe(200);
    await http.post(`/api/storefront-users/${id}/reset-password`, {}, cash);
    const { token } = await lastMail(email);
    await http.post(`/api/storefront-users/${id}/deactivate`, {}, cash);
    const after = await http.get('/api/overview', cookie);
    expect(after.status).toBe(401);
    // Not "your session has ended": the account was deactivated, and by whom (the reseller, never a staff name).
    expect(after.body.error).toMatchObject({ code: 'account_unavailable', message: 'Your account was deactivated by Cashmere Cloud Partners. Please contact them if you need access again.' });
    expect((await http.get('/api/auth/session', cookie)).body).toEqual({ principal: null, ended: true, why: after.body.error.message });
    expect((await http.post('/api/auth/reset-password', { token, password: 'Sneaky-Pass-11' })).status).toBe(400);
    expect((await http.post('/api/auth/login', { email, password: 'Correct-Horse-42' })).status).toBe(401);
  });

  it('the customer’s storefront access follows its active users', async () => {
    const lonely = demoId('customer:cash:8');
    await User.collection.updateMany({ customerId: lonely }, { $set: { state: 'deactivated' } });
    await Customer.collection.updateOne({ _id: lonely }, { $set: { storefrontAccess: false } });
    const body = newUser();
    const created = await add(cash, body, lonely);
    await http.post('/api/auth/activate', { token: (await lastMail(body.email)).token, password: 'Correct-Horse-42' });
    expect((await Customer.collection.findOne({ _id: lonely }))!.storefrontAccess).toBe(true);
    await http.post(`/api/storefront-users/${created.body.user.id}/deactivate`, {}, cash);
    expect((await Customer.collection.findOne({ _id: lonely }))!.storefrontAccess).toBe(false);
  });

  it('every action on another reseller’s user is 404 and changes nothing', async () => {
    const theirs = await User.collection.findOne({ role: 'storefront', resellerId: demoId('reseller:card'), state: 'active' });
    for (const action of ['resend-activation', 'reset-password', 'deactivate', 'activate']) {
      expect((await http.post(`/api/storefront-users/${theirs!._id}/${action}`, {}, cash)).status).toBe(404);
    }
    expect((await User.collection.findOne({ _id: theirs!._id }))!.state).toBe('active');
  });
});

describe('listing', () => {
  it('lists the customer’s users with search, and 404 for another reseller’s customer', async () => {
    const body = newUser({ firstName: 'Searchable', lastName: 'Zylstra' });
    await add(cash, body);
    const all = await http.get(`/api/customers/${customerId}/storefront-users`, cash);
    expect(all.status).toBe(200);
    expect(all.body.items.every((u: { customerId: string }) => u.customerId === String(customerId))).toBe(true);
    const found = await http.get(`/api/customers/${customerId}/storefront-users?search=zylst`, cash);
    expect(found.body.items.map((u: { email: string }) => u.email)).toEqual([body.email]);
    expect((await http.get(`/api/customers/${cardCustomer}/storefront-users`, cash)).status).toBe(404);
  });
});

describe('listing storefront users', () => {
  it('counts every matching user in total, also past the 500 it lists at once', async () => {
    const big = demoId('customer:cash:5');
    const owner = (await Customer.collection.findOne({ _id: big }))!;
    const before = await User.collection.countDocuments({ customerId: big, role: 'storefront' });
    await User.collection.insertMany(
      Array.from({ length: 505 }, (_, i) => ({
        _id: new Types.ObjectId(),
        email: `bulk${i}@example.test`,
        loginRealm: String(owner.resellerId),
        passwordHash: null,
        role: 'storefront',
        distributorId: owner.distributorId,
        resellerId: owner.resellerId,
        customerId: big,
        firstName: 'Bulk',
        lastName: `User ${String(i).padStart(3, '0')}`,
        language: 'en',
        dateFormat: 'DD/MM/YYYY',
        state: 'pending_activation',
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
    const res = await http.get(`/api/customers/${big}/storefront-users`, cash);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(500);
    expect(res.body.total).toBe(before + 505);
    const searched = await http.get(`/api/customers/${big}/storefront-users?search=user%2000`, cash);
    expect(searched.body.total).toBe(10);
  });
});

describe('a pending user helping themselves, and a link checked before it is used', () => {
  const status = (token: string, purpose = 'activation') => http.post('/api/auth/link-status', { token, purpose }).then((r) => [r.status, r.body.valid]);

  it('says at once whether an activation link still works, without using it up', async () => {
    const body = newUser();
    await add(cash, body);
    const { token } = await lastMail(body.email);
    expect(await status(token!)).toEqual([200, true]);
    expect(await status(token!)).toEqual([200, true]);
    expect(await status(token!, 'reset')).toEqual([200, false]);
    expect(await status('x'.repeat(43))).toEqual([200, false]);
    expect((await http.post('/api/auth/activate', { token, password: 'Fresh-Password-9' })).status).toBe(200);
    expect(await status(token!)).toEqual([200, false]);
  });

  it('an expired link is dead; asking for a new link sends a pending user a fresh activation link, with the same answer as for nobody', async () => {
    const body = newUser();
    await add(cash, body);
    const { token: old } = await lastMail(body.email);
    await AccountToken.collection.updateMany({ usedAt: null, purpose: 'activation' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await status(old!)).toEqual([200, false]);

    const forPending = await http.post('/api/auth/forgot-password', { email: body.email });
    const forNobody = await http.post('/api/auth/forgot-password', { email: 'nobody-at-all@example.test' });
    expect([forPending.status, forPending.body]).toEqual([forNobody.status, forNobody.body]);
    await whenResetMailsSettled();
    const { msg, token, link } = await lastMail(body.email);
    expect(token).not.toBe(old);
    expect(link).toContain('/activate?token=');
    expect(msg!.subject).toContain('Cashmere Cloud Partners');
    expect(await status(token!)).toEqual([200, true]);
    expect((await http.post('/api/auth/activate', { token, password: 'Fresh-Password-9' })).status).toBe(200);
    expect((await http.post('/api/auth/login', { email: body.email, password: 'Fresh-Password-9' })).status).toBe(200);
  });
});
