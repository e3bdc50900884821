import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';
import { databaseLimiter } from './rate-limit-store.js';

export interface LoginLimits {
  /** Failed sign-ins from one address per window, over all accounts; then 429 for that address. */
  failuresPerAddress: number;
  /** Failed sign-ins on one account from one address per window; then 429 for that pair only. */
  failuresPerAccountAndAddress: number;
  windowSeconds: number;
  /**
   * Per account, from any address, nothing is ever refused: after this many failures in the window
   * each attempt waits baseDelayMs · 2^(failures − free), at most maxDelayMs, before it is answered
   * (the right password too, so the wait says nothing). A success clears it.
   */
  freeFailuresPerAccount: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  failuresPerAddress: 50,
  failuresPerAccountAndAddress: 10,
  windowSeconds: 15 * 60,
  freeFailuresPerAccount: 5,
  baseDelayMs: 250,
  // With the writes of a successful sign-in after it, the whole wait stays within 8 s (auth.service.ts).
  maxDelayMs: 7_500,
};

/**
 * Sign-in throttling after OWASP's authentication guidance: hard limits per address and per
 * account+address pair keep one source from guessing; per account only an exponential delay, so
 * that wrong guesses by someone else never refuse the owner's right password (no lockout DoS).
 * A distributed guesser gets at most `failuresPerAccountAndAddress` tries per address and window,
 * each slowed down. The counters live in the database (rate-limit-store.ts), so several BFF
 * processes count together; `store.namespace` separates test apps sharing one database.
 */
export function createLoginRateLimiter(overrides: Partial<LoginLimits> = {}, store: { namespace?: string } = {}) {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...overrides };
  const window = { duration: limits.windowSeconds, namespace: store.namespace };
  const byAddress = databaseLimiter({ keyPrefix: 'login_ip', points: limits.failuresPerAddress, ...window });
  const byPair = databaseLimiter({ keyPrefix: 'login_pair', points: limits.failuresPerAccountAndAddress, ...window });
  // Only counts: an account is never refused.
  const byAccount = databaseLimiter({ keyPrefix: 'login_account', points: Number.MAX_SAFE_INTEGER, ...window });
  const pairKey = (address: string, email: string) => `${email.toLowerCase()}|${address}`;
  const accountKey = (email: string) => email.toLowerCase();

  const tooMany = (res: RateLimiterRes) => {
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AppError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
      headers: { 'Retry-After': String(seconds) },
    });
  };
  // An attempt takes its point up front, so that parallel guesses cannot overrun the limit; a
  // success gives it back.
  const take = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      await limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany(err);
      throw err;
    }
  };

  const delayMsFor = async (email: string): Promise<number> => {
    const failures = (await byAccount.get(accountKey(email)))?.consumedPoints ?? 0;
    const over = failures - limits.freeFailuresPerAccount;
    return over < 0 ? 0 : Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** over);
  };

  return {
    /**
     * Call before checking the password: 429 when the address or the pair is spent, else the
     * account's delay in ms, which the caller waits out before it answers (checking the password meanwhile).
     */
    async beforeAttempt(address: string, email: string): Promise<number> {
      const pair = pairKey(address, email);
      // Peek first: an address already cut off for this account does not use up its address-wide budget.
      const pairState = await byPair.get(pair);
      if (pairState && pairState.consumedPoints >= limits.failuresPerAccountAndAddress) throw tooMany(pairState);
      await take(byAddress, address);
      await take(byPair, pair);
      return delayMsFor(email);
    },
    async afterFailure(_address: string, email: string): Promise<void> {
      await byAccount.penalty(accountKey(email), 1);
    },
    async afterSuccess(address: string, email: string): Promise<void> {
      await byAddress.reward(address, 1);
      await byPair.delete(pairKey(address, email));
      await byAccount.delete(accountKey(email));
    },
    delayMsFor,
  };
}
export type LoginRateLimiter = ReturnType<typeof createLoginRateLimiter>;
