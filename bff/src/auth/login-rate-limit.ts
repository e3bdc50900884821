import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error.js';

export interface LoginLimits {
  /** Attempts from one address per window, successful or not. */
  perAddress: number;
  /** Failed attempts on one account per window; a success clears them. */
  failuresPerAccount: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 60, failuresPerAccount: 8, windowSeconds: 15 * 60 };

/**
 * Slows password guessing per address and per account. In memory: the BFF runs as one process; a
 * deployment with several would move this to a shared store (rate-limiter-flexible has a Mongo one).
 */
export function createLoginRateLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const byAddress = new RateLimiterMemory({ keyPrefix: 'login_ip', points: limits.perAddress, duration: limits.windowSeconds });
  const byAccount = new RateLimiterMemory({
    keyPrefix: 'login_account',
    points: limits.failuresPerAccount,
    duration: limits.windowSeconds,
  });

  const tooMany = (res: RateLimiterRes) => {
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AppError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s).`, {
      headers: { 'Retry-After': String(seconds) },
    });
  };

  return {
    /** Call before checking the password; throws 429 when either limit is spent. */
    async beforeAttempt(address: string, email: string): Promise<void> {
      const account = await byAccount.get(email);
      if (account && account.remainingPoints <= 0) throw tooMany(account);
      try {
        await byAddress.consume(address);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw tooMany(err);
        throw err;
      }
    },
    async afterFailure(email: string): Promise<void> {
      await byAccount.consume(email).catch((err: unknown) => {
        if (!(err instanceof RateLimiterRes)) throw err;
      });
    },
    async afterSuccess(email: string): Promise<void> {
      await byAccount.delete(email);
    },
  };
}
export type LoginRateLimiter = ReturnType<typeof createLoginRateLimiter>;
