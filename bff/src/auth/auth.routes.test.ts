import { SignJWT, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, DEMO_ACCOUNTS, sessionCookieFrom, signIn, TEST_SESSION_KEY, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { createLoginRateLimiter, DEFAULT_LOGIN_LIMITS } from './login-rate-limit.js';
import { Session } from './session.model.js';
import { signSessionToken } from './session-token.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

const EXPECTED: Record<keyof typeof DEMO_ACCOUNTS, { role: string; reseller: string | null; customer: string | null }> = {
  distributor: { role: 'distributor', reseller: null, customer: null },
  card: { role: 'reseller', reseller: 'Cardinal IT Services', customer: null },
  cash: { role: 'reseller', reseller: 'Cashmere Cloud Partners', customer: null },
  deposit: { role: 'reseller', reseller: 'Depot Digital', customer: null },
  buyer: { role: 'storefront', reseller: 'Cashmere Cloud Partners', customer: 'Blue Harbor Trading Ltd' },
  otherDistributor: { role: 'distributor', reseller: null, customer: null },
  otherReseller: { role: 'reseller', reseller: 'Orbit Systems', customer: null },
};

describe('POST /api/auth/login', () => {
  it.each(Object.keys(DEMO_ACCOUNTS) as (keyof typeof DEMO_ACCOUNTS)[])('signs in %s and /me answers its principal', async (who) => {
    const res = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS[who], password: 'Demo-Password-1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: EXPECTED[who].role, email: DEMO_ACCOUNTS[who], resellerName: EXPECTED[who].reseller, customerName: EXPECTED[who].customer });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const me = await http.get('/api/auth/me', sessionCookieFrom(res.headers['set-cookie']));
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body);
  });

  it('answers an unknown email and a wrong password with the same 401', async () => {
    const unknown = await http.post('/api/auth/login', { email: 'nobody@demo.example', password: 'Demo-Password-1' });
    const wrong = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: 'Email or password is incorrect.' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a storefront user who has not activated their account, with the same 401', async () => {
    const pending = await User.collection.findOne({ role: 'storefront', state: 'pending_activation' });
    const res = await http.post('/api/auth/login', { email: pending!.email, password: 'Demo-Password-1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  it('answers 400 with field errors for malformed input', async () => {
    const res = await http.post('/api/auth/login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['email', 'password']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  // Sign-in throttling (OWASP): hard limits per address and per account+address pair; per account
  // only a growing delay, so that nobody can lock someone else out.
  const fromAddress = (limited: ReturnType<typeof api>, address: string, email: string, password: string) =>
    limited.post('/api/auth/login', { email, password }).set('X-Forwarded-For', address);
  const FAST = { ...DEFAULT_LOGIN_LIMITS, baseDelayMs: 5, maxDelayMs: 20 };

  it('refuses one address that keeps guessing one account with 429 and Retry-After, even with the right password', async () => {
    const limited = api(buildTestApp({ ...FAST, failuresPerAccountAndAddress: 3 }, { TRUST_PROXY: '1' }));
    for (let i = 0; i < 3; i++) {
      expect((await fromAddress(limited, '198.51.100.1', DEMO_ACCOUNTS.deposit, 'nope')).status).toBe(401);
    }
    const blocked = await fromAddress(limited, '198.51.100.1', DEMO_ACCOUNTS.deposit, 'Demo-Password-1');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not blocked by the pair limit.
    expect((await fromAddress(limited, '198.51.100.1', DEMO_ACCOUNTS.card, 'Demo-Password-1')).status).toBe(200);
  });

  it('never locks the owner out: after a flood of wrong passwords from elsewhere, the right one still signs in', async () => {
    const limited = api(buildTestApp(FAST, { TRUST_PROXY: '1' }));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await fromAddress(limited, '203.0.113.9', DEMO_ACCOUNTS.deposit, `guess-${i}`)).status);
    // Brute force is limited: the attacking address is cut off after the pair limit.
    expect(statuses.filter((s) => s === 401)).toHaveLength(DEFAULT_LOGIN_LIMITS.failuresPerAccountAndAddress);
    expect(statuses.slice(DEFAULT_LOGIN_LIMITS.failuresPerAccountAndAddress).every((s) => s === 429)).toBe(true);
    // Other attackers, one address each, keep failing; the owner at home signs in.
    for (let i = 0; i < 10; i++) expect((await fromAddress(limited, `203.0.113.${20 + i}`, DEMO_ACCOUNTS.deposit, 'wrong')).status).toBe(401);
    expect((await fromAddress(limited, '192.0.2.44', DEMO_ACCOUNTS.deposit, 'Demo-Password-1')).status).toBe(200);
  });

  it('slows sign-in on an account under attack with an exponential delay, and does not refuse it', async () => {
    const limited = api(buildTestApp({ ...DEFAULT_LOGIN_LIMITS, freeFailuresPerAccount: 2, baseDelayMs: 100, maxDelayMs: 400 }, { TRUST_PROXY: '1' }));
    for (let i = 0; i < 5; i++) expect((await fromAddress(limited, `198.51.100.${50 + i}`, DEMO_ACCOUNTS.cash, 'wrong')).status).toBe(401);
    const started = Date.now();
    const owner = await fromAddress(limited, '192.0.2.45', DEMO_ACCOUNTS.cash, 'Demo-Password-1');
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390); // 100 ms · 2^(5-2), capped at 400 ms
  });

  it('computes the delay per account: free failures first, then doubling, capped, and cleared by a success', async () => {
    const limiter = createLoginRateLimiter({ freeFailuresPerAccount: 2, baseDelayMs: 100, maxDelayMs: 1000 });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(await limiter.delayMsFor('someone@example.test'));
      await limiter.afterFailure('192.0.2.1', 'someone@example.test');
    }
    expect(delays).toEqual([0, 0, 100, 200, 400, 800, 1000]);
    expect(await limiter.delayMsFor('someone.else@example.test')).toBe(0);
    await limiter.afterSuccess('192.0.2.1', 'someone@example.test');
    expect(await limiter.delayMsFor('someone@example.test')).toBe(0);
  });

  it('is rate-limited per address across accounts', async () => {
    const limited = api(buildTestApp({ ...FAST, failuresPerAddress: 2 }, { TRUST_PROXY: '1' }));
    await fromAddress(limited, '198.51.100.7', 'a@demo.example', 'x');
    await fromAddress(limited, '198.51.100.7', 'b@demo.example', 'x');
    const res = await fromAddress(limited, '198.51.100.7', DEMO_ACCOUNTS.cash, 'Demo-Password-1');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect((await fromAddress(limited, '198.51.100.8', DEMO_ACCOUNTS.cash, 'Demo-Password-1')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me without a session is 401 unauthenticated', async () => {
    const res = await http.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('GET /api/auth/session answers 200 signed out (no error on a signed-out page), the principal signed in, and says an ended session', async () => {
    expect(await http.get('/api/auth/session').then((r) => [r.status, r.body])).toEqual([200, { principal: null, ended: false, why: null }]);
    const cookie = await signIn(app, 'cash');
    const me = await http.get('/api/auth/me', cookie);
    expect(await http.get('/api/auth/session', cookie).then((r) => [r.status, r.body])).toEqual([200, { principal: me.body, ended: false, why: null }]);
    await http.post('/api/auth/logout', {}, cookie);
    expect(await http.get('/api/auth/session', cookie).then((r) => [r.status, r.body])).toEqual([200, { principal: null, ended: true, why: null }]);
  });

  it('logout answers 204 and the same cookie then answers 401', async () => {
    const cookie = await signIn(app, 'cash');
    expect((await http.get('/api/auth/me', cookie)).status).toBe(200);
    const out = await http.post('/api/auth/logout', {}, cookie);
    expect(out.status).toBe(204);
    const after = await http.get('/api/auth/me', cookie);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session_ended');
  });

  it('logout ends only that session; another browser of the same user stays signed in', async () => {
    const first = await signIn(app, 'card');
    const second = await signIn(app, 'card');
    await http.post('/api/auth/logout', {}, first);
    expect((await http.get('/api/auth/me', second)).status).toBe(200);
  });

  it('a user deactivated on the server loses an existing session at the next request', async () => {
    const cookie = await signIn(app, 'buyer');
    await User.collection.updateOne({ email: DEMO_ACCOUNTS.buyer }, { $set: { state: 'deactivated' } });
    try {
      expect((await http.get('/api/auth/me', cookie)).status).toBe(401);
    } finally {
      await User.collection.updateOne({ email: DEMO_ACCOUNTS.buyer }, { $set: { state: 'active' } });
    }
  });

  it('refuses tokens that are tampered, unsigned, signed with another key or algorithm, or expired', async () => {
    const cookie = await signIn(app, 'distributor');
    const token = cookie.split('=')[1]!;
    const [h, p, s] = token.split('.');
    const session = await Session.findOne({}).sort({ createdAt: -1 }).lean();
    const claims = { userId: String(session!.userId), sessionId: session!._id };
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: String(demoId('user:other.distributor@demo.example')) })).toString('base64url')}.${s}`;
    const unsigned = new UnsecuredJWT({}).setSubject(claims.userId).setJti(claims.sessionId).setIssuer('storefront-admin').setAudience('storefront-admin-web').setIssuedAt().setExpirationTime('1h').encode();
    const otherKey = await signSessionToken(new TextEncoder().encode('x'.repeat(40)), claims);
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject(claims.userId).setJti(claims.sessionId).setIssuer('storefront-admin').setAudience('storefront-admin-web').setIssuedAt().setExpirationTime('1h').sign(TEST_SESSION_KEY);
    const expired = await signSessionToken(TEST_SESSION_KEY, claims, new Date(Date.now() - 13 * 3600_000));
    const valid = await signSessionToken(TEST_SESSION_KEY, claims);
    for (const bad of [tampered, unsigned, otherKey, hs512, expired, 'garbage']) {
      const res = await http.get('/api/auth/me', `session=${bad}`);
      expect(res.status, bad).toBe(401);
    }
    expect((await http.get('/api/auth/me', `session=${valid}`)).status).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses a state-changing request without the custom header', async () => {
    const res = await request(app).post('/api/auth/login').send({ email: DEMO_ACCOUNTS.cash, password: 'Demo-Password-1' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_rejected');
  });

  it('refuses a cross-site request even with the header', async () => {
    const res = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'Demo-Password-1' }).set('Sec-Fetch-Site', 'cross-site');
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Origin', async () => {
    const res = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'Demo-Password-1' }).set('Origin', 'https://evil.example');
    expect(res.status).toBe(403);
  });

  it('accepts a same-origin request', async () => {
    const res = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.cash, password: 'Demo-Password-1' }).set('Sec-Fetch-Site', 'same-origin');
    expect(res.status).toBe(200);
  });
});
