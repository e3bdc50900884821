import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, TEST_SESSION_KEY, useTestDatabase } from '../test/harness.js';
import { Customer } from '../customers/customer.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { User } from '../users/user.model.js';
import { COMPANY_INACTIVE } from './auth.service.js';
import { Session } from './session.model.js';
import { signSessionToken, verifySessionToken } from './session-token.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const buyerCompany = demoId('customer:cash:0');

describe('an inactive customer (rule 8)', () => {
  it('ends its users’ sessions, refuses their sign-in with a clear message, and lets them back in when active again', async () => {
    const buyer = await signIn(app, 'buyer');
    const cash = await signIn(app, 'cash');
    expect((await http.get('/api/auth/me', buyer)).status).toBe(200);

    const revision = (await Customer.collection.findOne({ _id: buyerCompany }))!.revision as number;
    expect((await http.put(`/api/customers/${buyerCompany}/active`, { active: false, revision }, cash)).status).toBe(200);

    // The session ends at the next request; nothing of the user is deleted.
    expect((await http.get('/api/auth/me', buyer)).status).toBe(401);
    const refused = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'Demo-Password-1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(COMPANY_INACTIVE);
    // A wrong password still gets the ordinary answer: the state is told only to the account's owner.
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'wrong-password-1' })).status).toBe(401);
    // Staff of the reseller are not affected.
    expect((await http.get('/api/auth/me', cash)).status).toBe(200);

    const now = (await Customer.collection.findOne({ _id: buyerCompany }))!.revision as number;
    expect((await http.put(`/api/customers/${buyerCompany}/active`, { active: true, revision: now }, cash)).status).toBe(200);
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'Demo-Password-1' })).status).toBe(200);
  });
});

describe('the reseller and company a session token names', () => {
  it('are only a hint: the standing of the account’s own reseller and company decides', async () => {
    const cookie = await signIn(app, 'buyer');
    const claims = (await verifySessionToken(TEST_SESSION_KEY, cookie.split('=')[1]!))!;
    // The token names the company and reseller, so their standing is read beside the session.
    expect(claims.tenant).toEqual({ resellerId: String(demoId('reseller:cash')), customerId: String(buyerCompany) });
    const buyer = (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))!;
    expect(await Session.collection.countDocuments({ _id: claims.sessionId as never, userId: buyer._id })).toBe(1);

    // Tokens for the same live session: one naming another, active company and reseller (as a
    // token from a bug or an older layout might), one naming none (tokens issued before the hint).
    const misleading = await signSessionToken(TEST_SESSION_KEY, { ...claims, tenant: { resellerId: String(demoId('reseller:card')), customerId: String(demoId('customer:card:0')) } });
    const bare = await signSessionToken(TEST_SESSION_KEY, { userId: claims.userId, sessionId: claims.sessionId });
    for (const token of [misleading, bare]) expect((await http.get('/api/auth/me', `session=${token}`)).status).toBe(200);

    await Customer.collection.updateOne({ _id: buyerCompany }, { $set: { active: false } });
    try {
      for (const token of [misleading, bare]) expect((await http.get('/api/auth/me', `session=${token}`)).status, token).toBe(401);
    } finally {
      await Customer.collection.updateOne({ _id: buyerCompany }, { $set: { active: true } });
    }
    await Reseller.collection.updateOne({ _id: demoId('reseller:cash') }, { $set: { status: 'suspended' } });
    try {
      for (const token of [cookie.split('=')[1]!, misleading, bare]) expect((await http.get('/api/auth/me', `session=${token}`)).status, token).toBe(401);
    } finally {
      await Reseller.collection.updateOne({ _id: demoId('reseller:cash') }, { $set: { status: 'active' } });
    }
    for (const token of [cookie.split('=')[1]!, misleading, bare]) expect((await http.get('/api/auth/me', `session=${token}`)).status).toBe(200);
  });
});

describe('a storefront user deactivated while its pages are asking', () => {
  it('is told why by every answer that finds the session gone, never only that it ended (the reads race the deactivation)', async () => {
    const buyer = await signIn(app, 'buyer');
    const cash = await signIn(app, 'cash');
    const bea = (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))!;
    const asks = () => Array.from({ length: 50 }, () => http.get('/api/auth/session', buyer));
    try {
      const [deactivated, ...answers] = await Promise.all([http.post(`/api/storefront-users/${bea._id}/deactivate`, {}, cash), ...asks(), ...asks()]);
      expect(deactivated.status).toBe(200);
      const after = await Promise.all(asks());
      const cash_ = (await Reseller.collection.findOne({ _id: demoId('reseller:cash') }))!;
      const why = `Your account was deactivated by ${cash_.name as string}. Please contact them if you need access again.`;
      for (const answer of [...answers, ...after]) {
        expect(answer.status).toBe(200);
        // Still signed in (asked before the change), or told why; "ended" without a reason only for a logout.
        if (answer.body.principal === null) expect(answer.body).toEqual({ principal: null, ended: true, why });
      }
      expect(after.every((a) => a.body.why === why)).toBe(true);
    } finally {
      expect((await http.post(`/api/storefront-users/${bea._id}/activate`, {}, cash)).status).toBe(200);
    }
  });
});
