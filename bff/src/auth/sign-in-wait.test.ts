import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, useTestDatabase } from '../test/harness.js';
import { login } from './auth.service.js';
import { createLoginRateLimiter, DEFAULT_LOGIN_LIMITS, type LoginRateLimiter } from './login-rate-limit.js';
import { createPasswordTurns } from './password-turns.js';

useTestDatabase();

const client = { ip: '192.0.2.60', userAgent: 'test', requestId: 'r' };

describe('the whole wait of a sign-in on an account under attack', () => {
  it('checks the password during the account delay, in the account\'s turn, so the delay is the whole wait rather than added to the hashing', async () => {
    const limiter: LoginRateLimiter = { ...createLoginRateLimiter(), beforeAttempt: async () => DEFAULT_LOGIN_LIMITS.maxDelayMs };
    const events: string[] = [];
    let delayOver = () => {};
    const wait = (ms: number) => {
      events.push(`wait ${ms}`);
      // Ends when the check is done; should login check only after the wait, it ends by itself.
      return new Promise<void>((resolve) => {
        const byItself = setTimeout(() => delayOver(), 1000);
        delayOver = () => {
          clearTimeout(byItself);
          delayOver = () => {};
          resolve(void events.push('delay over'));
        };
      });
    };
    const turns = createPasswordTurns();
    const checkedIn = { ...turns, run: <T>(email: string, check: () => Promise<T>) => turns.run(email, check).finally(() => events.push(`checked ${email}`)).finally(() => delayOver()) };

    const { user } = await login({ email: DEMO_ACCOUNTS.deposit, password: 'Demo-Password-1' }, client, limiter, { turns: checkedIn, wait });
    expect(user.email).toBe(DEMO_ACCOUNTS.deposit);
    expect(events).toEqual([expect.stringMatching(/^wait \d+$/), `checked ${DEMO_ACCOUNTS.deposit}`, 'delay over']);
    // The delay counts from the arrival, and is capped so that a success is answered within 8 s in all.
    const waited = Number(events[0]!.split(' ')[1]);
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(DEFAULT_LOGIN_LIMITS.maxDelayMs);
    expect(DEFAULT_LOGIN_LIMITS.maxDelayMs).toBeLessThanOrEqual(7_500);
  });

  it('answers a wrong password only once the delay is over, and counts the failure', async () => {
    const failures: string[] = [];
    const limiter: LoginRateLimiter = { ...createLoginRateLimiter(), beforeAttempt: async () => 1000, afterFailure: async (_a, email) => void failures.push(email) };
    const events: string[] = [];
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(() => resolve(void events.push(`waited ${ms}`)), ms));
    await expect(login({ email: DEMO_ACCOUNTS.deposit, password: 'wrong' }, client, limiter, { wait })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(events).toEqual([expect.stringMatching(/^waited \d+$/)]);
    expect(failures).toEqual([DEMO_ACCOUNTS.deposit]);
  });
});
