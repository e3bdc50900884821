import { LINK_PAGES } from '@app/shared';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { AppError } from '../errors/app-error.js';
import type { Courier } from '../deliveries/courier.js';
import { outgoingMail } from '../deliveries/outgoing-message.js';
import { resetMessage, welcomeMessage } from '../mail/templates.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { ClientInfo } from '../tenancy/actor.js';
import { principalFromAccount } from '../tenancy/principal.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { issueAccountLink, peekAccountToken, redeemAccountToken, TOKEN_TTL_HOURS, type TokenPurpose } from './account-tokens.js';
import { hashPassword } from './password.js';
import { endAllSessionsOf } from './sessions.js';
import { databaseLimiter } from './rate-limit-store.js';

const LINK_INVALID = 'This link has expired or has already been used. Ask for a new one.';

/** The account state a link of each purpose moves from. */
const STATE_BEFORE: Record<TokenPurpose, 'pending_activation' | 'active'> = { activation: 'pending_activation', reset: 'active' };

/**
 * Whether a link would still work if used now, without using it: the page says a dead link at
 * once instead of after a password is typed. The token is 32 random bytes, so asking reveals
 * nothing to anyone who does not hold the link.
 */
export async function linkStatus(purpose: TokenPurpose, token: string): Promise<{ valid: boolean }> {
  const userId = await peekAccountToken(token, purpose);
  if (!userId) return { valid: false };
  const account = await unsafeUnscoped(User.findOne({ _id: userId, state: STATE_BEFORE[purpose] }, { _id: 1 }), 'auth: the account behind a link').lean();
  return { valid: account !== null };
}

/**
 * Sets a password through an emailed link. The token is used up first (one winner), then the user
 * moves from the state the link was for; anything else is "this link is no longer valid".
 */
export async function setPasswordWithToken(client: ClientInfo, purpose: TokenPurpose, token: string, password: string) {
  const userId = await redeemAccountToken(token, purpose);
  if (!userId) throw new AppError('link_invalid', LINK_INVALID);
  const passwordHash = await hashPassword(password);
  const from = STATE_BEFORE[purpose];
  const account = await unsafeUnscoped(User.findOne({ _id: userId, state: from }), 'auth: the account behind a redeemed link').lean();
  if (!account) throw new AppError('link_invalid', LINK_INVALID);
  const scope = systemScope({ distributorId: account.distributorId, resellerId: account.resellerId, customerId: account.customerId });
  const actor = { principal: principalFromAccount(account, 'link'), scope, client };
  const event = auditEventFor(actor, { action: purpose === 'activation' ? 'account.activated' : 'account.password_reset', target: { type: 'user', id: account._id, label: `${account.firstName} ${account.lastName}` } });
  // A new password ends every session the old one opened: before the change, so that a failure
  // after it cannot leave them open, and again after it, for one opened in between.
  if (purpose === 'reset') await endAllSessionsOf(account._id);
  const user = await unsafeUnscoped(
    User.findOneAndUpdate({ _id: userId, state: from }, { $set: { passwordHash, state: 'active' }, ...pushAudit(event) }, { returnDocument: 'after' }),
    'auth: the account behind a redeemed link',
  ).lean();
  if (!user) throw new AppError('link_invalid', LINK_INVALID);
  if (purpose === 'reset') await endAllSessionsOf(user._id);
  // Also refreshes the customer's storefront-access mark (the User model's follow-up).
  await settleAudit(actor, User, user);
  return { email: user.email };
}

export interface ResetMailLimits {
  /** Reset mails to one account per window. */
  perAccount: number;
  /** Reset requests from one address per window, whatever the email. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_RESET_MAIL_LIMITS: ResetMailLimits = { perAccount: 3, perAddress: 10, windowSeconds: 60 * 60 };

/**
 * Caps reset mails per account and per address; the excess is dropped silently (the answer is the
 * same). Counted in the database, like the sign-in limits, so every BFF process counts together.
 */
export function createResetMailLimiter(limits: ResetMailLimits = DEFAULT_RESET_MAIL_LIMITS, store: { namespace?: string } = {}) {
  const window = { duration: limits.windowSeconds, namespace: store.namespace };
  const byAccount = databaseLimiter({ keyPrefix: 'reset_account', points: limits.perAccount, ...window });
  const byAddress = databaseLimiter({ keyPrefix: 'reset_ip', points: limits.perAddress, ...window });
  const take = (limiter: RateLimiterAbstract, key: string) =>
    limiter.consume(key).then(
      () => true,
      (err: unknown) => {
        if (err instanceof RateLimiterRes) return false;
        throw err;
      },
    );
  return {
    allowAddress: (address: string) => take(byAddress, address),
    allowAccount: (userId: string) => take(byAccount, userId),
  };
}
export type ResetMailLimiter = ReturnType<typeof createResetMailLimiter>;

const pendingResets = new Set<Promise<void>>();

/** Resolves once every queued reset request has been handled (tests; shutdown). */
export async function whenResetMailsSettled(): Promise<void> {
  while (pendingResets.size > 0) await Promise.allSettled([...pendingResets]);
}

/**
 * "Forgot password" / "send me a new link": queues the work and returns at once, so the answer
 * (the same whether or not the account exists, whatever its state) does not wait for anything that
 * depends on the account. Afterwards, within the limits, each active account with this email gets
 * a reset link and each account still waiting for activation a fresh activation link (the earlier
 * one stops working); failures are logged.
 */
export function queuePasswordReset(o: { email: string; address: string; courier: Courier; origin: string; limiter: ResetMailLimiter; log: (err: unknown) => void }): void {
  const task = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => sendPasswordResets(o))
    .catch(o.log)
    .finally(() => pendingResets.delete(task));
  pendingResets.add(task);
}

async function sendPasswordResets(o: Parameters<typeof queuePasswordReset>[0]): Promise<void> {
  if (!(await o.limiter.allowAddress(o.address))) return;
  const users = await unsafeUnscoped(User.find({ email: o.email, state: { $in: ['active', 'pending_activation'] } }).limit(5), 'auth: accounts behind a reset request').lean();
  for (const user of users) {
    if (!(await o.limiter.allowAccount(String(user._id)))) continue;
    const purpose: TokenPurpose = user.state === 'pending_activation' ? 'activation' : 'reset';
    const scope = systemScope({ distributorId: user.distributorId, resellerId: user.resellerId });
    const reseller = user.resellerId ? await scoped(Reseller.findById(user.resellerId, { name: 1 }), scope).lean() : null;
    const build = purpose === 'activation' ? welcomeMessage : resetMessage;
    // Stored with its link and delivered through the queue: a first attempt now, retries after.
    const ids = await issueAccountLink(user._id, purpose, (token) => {
      const link = `${o.origin}${LINK_PAGES[purpose]}?token=${encodeURIComponent(token)}`;
      const message = build({ to: user.email, name: user.firstName, reseller: reseller?.name ?? 'Storefront Admin', language: user.language, link, hours: TOKEN_TTL_HOURS[purpose] });
      return outgoingMail(`account.${purpose}`, user, message, { sensitive: true });
    });
    await o.courier.deliverNow(ids).catch(o.log);
  }
}
