import { describe, expect, it } from 'vitest';
import { api, buildTestApp, DEMO_ACCOUNTS, testLimiterNamespace, useTestDatabase } from '../test/harness.js';
import { DEFAULT_LOGIN_LIMITS, createLoginRateLimiter } from './login-rate-limit.js';
import { createResetMailLimiter } from './password-setup.service.js';
import { RateLimit } from './rate-limit.model.js';
import { databaseLimiter, purgeExpiredRateLimits } from './rate-limit-store.js';

useTestDatabase();

const counter = async (key: string) => (await RateLimit.collection.findOne({ key }))?.points as number | undefined;

describe('sign-in limits counted in the database', () => {
  it('counts exactly under 50 concurrent failures in one process: the pair limit lets exactly its number through', async () => {
    const namespace = testLimiterNamespace();
    const limits = { ...DEFAULT_LOGIN_LIMITS, failuresPerAccountAndAddress: 10, failuresPerAddress: 1000, freeFailuresPerAccount: 1000 };
    const limiter = createLoginRateLimiter(limits, { namespace });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async () => {
        try {
          await limiter.beforeAttempt('198.51.100.77', 'racer@demo.example');
          await limiter.afterFailure('198.51.100.77', 'racer@demo.example');
          return 'tried';
        } catch (err) {
          return (err as { code?: string }).code;
        }
      }),
    );
    expect(outcomes.filter((o) => o === 'tried')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(40);
    // Every attempt took its point from the address; each of the ten tried left one failure on the account.
    expect(await counter(`${namespace}login_ip:198.51.100.77`)).toBe(50);
    expect(await counter(`${namespace}login_pair:racer@demo.example|198.51.100.77`)).toBe(50);
    expect(await counter(`${namespace}login_account:racer@demo.example`)).toBe(10);
  });

  it('answers 429 on the 11th of 50 concurrent wrong passwords through the app (exactly 10 answered 401)', async () => {
    const limited = api(buildTestApp({ ...DEFAULT_LOGIN_LIMITS, freeFailuresPerAccount: 1000 }, { TRUST_PROXY: '1' }));
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => limited.post('/api/auth/login', { email: DEMO_ACCOUNTS.deposit, password: `guess-${i}` }).set('X-Forwarded-For', '203.0.113.200')),
    ).then((all) => all.map((r) => r.status));
    expect(statuses.filter((s) => s === 401)).toHaveLength(DEFAULT_LOGIN_LIMITS.failuresPerAccountAndAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - DEFAULT_LOGIN_LIMITS.failuresPerAccountAndAddress);
  });

  it('shares counts between limiters over one database, as two processes do', async () => {
    const namespace = testLimiterNamespace();
    const limits = { failuresPerAccountAndAddress: 4, freeFailuresPerAccount: 1000 };
    const [a, b] = [createLoginRateLimiter(limits, { namespace }), createLoginRateLimiter(limits, { namespace })];
    for (const limiter of [a, b, a, b]) {
      await limiter.beforeAttempt('192.0.2.9', 'shared@demo.example');
      await limiter.afterFailure('192.0.2.9', 'shared@demo.example');
    }
    await expect(a.beforeAttempt('192.0.2.9', 'shared@demo.example')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(b.beforeAttempt('192.0.2.9', 'shared@demo.example')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('shares the reset-mail limits too', async () => {
    const namespace = testLimiterNamespace();
    const limits = { perAccount: 3, perAddress: 100, windowSeconds: 60 };
    const [a, b] = [createResetMailLimiter(limits, { namespace }), createResetMailLimiter(limits, { namespace })];
    const allowed = [await a.allowAccount('u1'), await b.allowAccount('u1'), await a.allowAccount('u1'), await b.allowAccount('u1'), await a.allowAccount('u1')];
    expect(allowed).toEqual([true, true, true, false, false]);
  });

  it('starts a fresh window once the stored one has expired (no TTL index needed), and the sweep removes expired counters', async () => {
    const namespace = testLimiterNamespace();
    const limiter = databaseLimiter({ keyPrefix: 'probe', points: 2, duration: 1, namespace });
    await limiter.consume('k');
    await limiter.consume('k');
    await expect(limiter.consume('k')).rejects.toMatchObject({ remainingPoints: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.consume('k')).consumedPoints).toBe(1);
    expect(await RateLimit.collection.countDocuments({ key: `${namespace}probe:k` })).toBe(1);

    const other = databaseLimiter({ keyPrefix: 'gone', points: 2, duration: 1, namespace });
    await other.consume('k');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await purgeExpiredRateLimits()).toBeGreaterThanOrEqual(2);
    expect(await RateLimit.collection.countDocuments({ key: `${namespace}gone:k` })).toBe(0);
  });
});
