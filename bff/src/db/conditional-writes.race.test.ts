// Racing requests against one document: exactly one conditional write wins, on FerretDB too
// (serialised-writes.ts), as it does on MongoDB by the database's own atomicity.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { issueAccountToken } from '../auth/account-tokens.js';
import { Customer } from '../customers/customer.model.js';
import { UnscopedAccessError } from '../tenancy/tenant-plugin.js';
import { redeemSsoGrant } from '../sso/sso-redeem.js';
import { verifySsoToken } from '../sso/sso-verifier.js';
import { buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { demoId } from '../seed/demo-ids.js';
import { activeWriteLocks } from './serialised-writes.js';

useTestDatabase();
const app = buildTestApp();
const ROUNDS = 3;
const customerId = demoId('customer:cash:2');
const WORKSPACE = 'https://workspace.northwind.example';

// One listening server for all racers, so the requests really are in flight together.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const send = (method: 'put' | 'post', url: string, body: object, cookie?: string) => {
  const r = request(base)[method](url).set(CSRF_HEADER, CSRF_HEADER_VALUE);
  return (cookie ? r.set('Cookie', cookie) : r).send(body);
};

/** Fires `n` copies at once and counts the answers by status. */
async function race(n: number, fire: (i: number) => Promise<{ status: number }>): Promise<Record<number, number>> {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => fire(i)));
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

const auditCount = (action: string, targetId: unknown) => AuditEvent.collection.countDocuments({ action, 'target.id': targetId });

describe('racing conditional writes: exactly one winner', () => {
  it('50 saves of one customer with the same revision: 1 × 200, 49 × 409, revision +1, one audit event', async () => {
    const cookie = await signIn(app, 'cash');
    for (let round = 0; round < ROUNDS; round++) {
      const before = (await Customer.collection.findOne({ _id: customerId }))!;
      const audits = await auditCount('customer.updated', customerId);
      const fields = { companyName: before.companyName, email: before.email, phone: before.phone, address: before.address, country: before.country, state: before.state, postcode: before.postcode };
      const counts = await race(50, (i) => send('put', `/api/customers/${customerId}`, { ...fields, city: `City ${round}-${i}`, revision: before.revision }, cookie));
      expect(counts).toEqual({ 200: 1, 409: 49 });
      const after = (await Customer.collection.findOne({ _id: customerId }))!;
      expect(after.revision).toBe(before.revision + 1);
      expect(after.pendingAudit ?? []).toEqual([]);
      expect(await auditCount('customer.updated', customerId)).toBe(audits + 1);
    }
    expect(activeWriteLocks()).toBe(0);
  });

  it('50 racing "make inactive" of one customer: one winner, one audit event', async () => {
    const cookie = await signIn(app, 'cash');
    for (let round = 0; round < ROUNDS; round++) {
      await Customer.collection.updateOne({ _id: customerId }, { $set: { active: true } });
      const { revision } = (await Customer.collection.findOne({ _id: customerId }))!;
      const audits = await auditCount('customer.deactivated', customerId);
      const counts = await race(50, () => send('put', `/api/customers/${customerId}/active`, { active: false, revision }, cookie));
      expect(counts).toEqual({ 200: 1, 409: 49 });
      expect(await auditCount('customer.deactivated', customerId)).toBe(audits + 1);
    }
  });

  it('50 racing deactivations of one storefront user: one winner, one audit event', async () => {
    const cookie = await signIn(app, 'cash');
    const user = (await User.collection.findOne({ role: 'storefront', resellerId: demoId('reseller:cash'), state: 'active', email: { $ne: 'buyer@demo.example' } }))!;
    for (let round = 0; round < ROUNDS; round++) {
      await User.collection.updateOne({ _id: user._id }, { $set: { state: 'active' } });
      const audits = await auditCount('storefront_user.deactivated', user._id);
      const counts = await race(50, () => send('post', `/api/storefront-users/${user._id}/deactivate`, {}, cookie));
      expect(counts[200]).toBe(1);
      expect(counts[409]).toBe(49);
      expect(await auditCount('storefront_user.deactivated', user._id)).toBe(audits + 1);
    }
  });

  const linkUser = async () =>
    (await User.collection.findOne({ role: 'storefront', resellerId: demoId('reseller:cash'), state: 'active', email: { $ne: 'buyer@demo.example' } }, { skip: 1 }))!;

  it('20 racing redemptions of one activation link: one', async () => {
    const user = await linkUser();
    for (let round = 0; round < ROUNDS; round++) {
      await User.collection.updateOne({ _id: user._id }, { $set: { state: 'pending_activation' } });
      const token = await issueAccountToken(user._id, 'activation');
      const counts = await race(20, () => send('post', '/api/auth/activate', { token, password: 'Racing-Password-1' }));
      expect(counts).toEqual({ 200: 1, 400: 19 });
    }
    await User.collection.updateOne({ _id: user._id }, { $set: { state: 'active' } });
  });

  it('20 racing redemptions of one reset link: one', async () => {
    const user = await linkUser();
    for (let round = 0; round < ROUNDS; round++) {
      const token = await issueAccountToken(user._id, 'reset');
      const counts = await race(20, (i) => send('post', '/api/auth/reset-password', { token, password: `Racing-Password-${i}x` }));
      expect(counts).toEqual({ 200: 1, 400: 19 });
    }
  });

  it('20 racing redemptions of one SSO jti: one', async () => {
    const cookie = await signIn(app, 'cash');
    const jwks = (await request(base).get('/.well-known/jwks.json')).body;
    for (let round = 0; round < ROUNDS; round++) {
      const link = await send('post', `/api/customers/${customerId}/sso-links`, { target: 'services' }, cookie);
      expect(link.status).toBe(201);
      const token = new URL(link.body.url).searchParams.get('token')!;
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => verifySsoToken(token, { jwks, audience: WORKSPACE, redeem: (jti) => redeemSsoGrant(jti) })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('leaves no lock behind when another plugin refuses the query or the driver throws', async () => {
    // The tenant plugin throws in its pre hook, before the driver (and the lock) is reached.
    await expect(Customer.findOneAndUpdate({ _id: customerId }, { $set: { city: 'Nowhere' } })).rejects.toBeInstanceOf(UnscopedAccessError);
    // A duplicate key (FerretDB answers it as an internal error) is thrown by the driver while the lock is held.
    const other = (await Customer.collection.findOne({ resellerId: demoId('reseller:cash'), _id: { $ne: customerId } }))!;
    await expect(Customer.collection.updateOne({ _id: customerId }, { $set: { email: other.email } })).rejects.toThrow();
    await expect(Customer.collection.updateMany({ _id: { $in: [customerId] } }, { $set: { email: other.email } })).rejects.toThrow();
    expect(activeWriteLocks()).toBe(0);
    const { modifiedCount } = await Customer.collection.updateOne({ _id: customerId }, { $set: { city: 'Afterwards' } });
    expect(modifiedCount).toBe(1);
  });
});
