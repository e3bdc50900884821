import { setTimeout as sleep } from 'node:timers/promises';
import type { LoginRequest } from '@app/shared';
import { AppError } from '../errors/app-error.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import type { LoginRateLimiter } from './login-rate-limit.js';
import { verifyPassword } from './password.js';
import { passwordTurns, type PasswordTurns } from './password-turns.js';
import { accountStanding } from './account-standing.js';
import { createSession } from './sessions.js';
import type { ClientInfo } from '../tenancy/actor.js';

export const INVALID_CREDENTIALS = 'Email or password is incorrect.';
export { COMPANY_INACTIVE } from './account-standing.js';

/**
 * Checks the credentials and opens a session. An unknown email, a wrong password and an account
 * that cannot sign in yet all give the same 401 after the same amount of hashing work.
 *
 * On an account under attack the answer waits for the account's delay (login-rate-limit.ts), and
 * the password is checked during that delay, in the account's turn (password-turns.ts): the delay
 * is the whole wait, not a wait before a queue of other guesses' hashing (13–14 s seen with 20
 * addresses guessing at once). No answer comes before the delay is over, so guessing is no faster.
 * The delay is capped (7.5 s) so that with the writes of a success the owner waits at most about 8 s.
 */
export async function login(input: LoginRequest, client: ClientInfo, limiter: LoginRateLimiter, { turns = passwordTurns, wait = sleep }: { turns?: PasswordTurns; wait?: (ms: number) => Promise<unknown> } = {}) {
  const arrived = Date.now();
  const address = client.ip ?? 'unknown';
  const delayMs = await limiter.beforeAttempt(address, input.email);
  // The delay counts from the request's arrival: the counters' own writes are part of it.
  const leftMs = delayMs - (Date.now() - arrived);
  const [match] = await Promise.all([turns.run(input.email, () => checkPassword(input)), leftMs > 0 ? wait(leftMs) : null]);
  if (!match) {
    await limiter.afterFailure(address, input.email);
    throw new AppError('invalid_credentials', INVALID_CREDENTIALS);
  }
  // Only after the right password, so it reveals nothing to someone guessing.
  const standing = await accountStanding(match);
  if (standing) throw new AppError('forbidden', standing.message);
  await limiter.afterSuccess(address, input.email);
  const session = await createSession(match._id, client);
  await unsafeUnscoped(User.updateOne({ _id: match._id }, { $set: { lastSignInAt: new Date() } }), 'auth: record sign-in time');
  return { user: match, sessionId: session._id };
}

/** The active account whose password this is, if any. */
async function checkPassword(input: LoginRequest) {
  // The same email may exist in several resellers' storefronts (it is unique per storefront), so
  // every candidate is checked; in practice there is one.
  const candidates = await unsafeUnscoped(User.find({ email: input.email }).limit(5), 'auth: accounts behind a sign-in email');
  let match: (typeof candidates)[number] | undefined;
  if (candidates.length === 0) await verifyPassword(null, input.password);
  for (const candidate of candidates) {
    if ((await verifyPassword(candidate.passwordHash, input.password)) && candidate.state === 'active') {
      match ??= candidate;
    }
  }
  return match;
}
