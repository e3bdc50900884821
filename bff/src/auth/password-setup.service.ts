import type { Request } from 'express';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { refreshStorefrontAccess } from '../customers/customer-access.js';
import { AppError } from '../http/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { resetMessage } from '../mail/templates.js';
import { Reseller } from '../resellers/reseller.model.js';
import { principalFromAccount } from '../tenancy/principal.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { issueAccountToken, redeemAccountToken, TOKEN_TTL_HOURS, type TokenPurpose } from './account-tokens.js';
import { hashPassword } from './password.js';
import { endAllSessionsOf } from './sessions.js';

const LINK_INVALID = 'This link has expired or has already been used. Ask for a new one.';

/**
 * Sets a password through an emailed link. The token is used up first (one winner), then the user
 * moves from the state the link was for; anything else is "this link is no longer valid".
 */
export async function setPasswordWithToken(req: Request, purpose: TokenPurpose, token: string, password: string) {
  const userId = await redeemAccountToken(token, purpose);
  if (!userId) throw new AppError(400, 'link_invalid', LINK_INVALID);
  const passwordHash = await hashPassword(password);
  const from = purpose === 'activation' ? 'pending_activation' : 'active';
  const account = await unsafeUnscoped(User.findOne({ _id: userId, state: from }), 'auth: the account behind a redeemed link').lean();
  if (!account) throw new AppError(400, 'link_invalid', LINK_INVALID);
  const scope = systemScope({ distributorId: account.distributorId, resellerId: account.resellerId, customerId: account.customerId });
  const actor = { principal: principalFromAccount(account, 'link'), scope, req };
  const event = auditEventFor(actor, { action: purpose === 'activation' ? 'account.activated' : 'account.password_reset', target: { type: 'user', id: account._id } });
  // A new password ends every session the old one opened: before the change, so that a failure
  // after it cannot leave them open, and again after it, for one opened in between.
  if (purpose === 'reset') await endAllSessionsOf(account._id);
  const user = await unsafeUnscoped(
    User.findOneAndUpdate({ _id: userId, state: from }, { $set: { passwordHash, state: 'active' }, ...pushAudit(event) }, { returnDocument: 'after' }),
    'auth: the account behind a redeemed link',
  ).lean();
  if (!user) throw new AppError(400, 'link_invalid', LINK_INVALID);
  // Should this fail, the event stays in the outbox and the start-up sweep redoes the access mark.
  if (purpose === 'reset') await endAllSessionsOf(user._id);
  if (user.customerId) await refreshStorefrontAccess(scope, user.customerId);
  await settleAudit(actor, User, user._id, user.pendingAudit);
  return { email: user.email };
}

/**
 * "Forgot password": emails a reset link to each active account with this email. The answer is
 * the same whether or not one exists, so it cannot be used to find accounts.
 */
export async function requestPasswordReset(email: string, mailer: Mailer, origin: string, log: (err: unknown) => void): Promise<void> {
  const users = await unsafeUnscoped(User.find({ email, state: 'active' }).limit(5), 'auth: accounts behind a reset request').lean();
  for (const user of users) {
    const token = await issueAccountToken(user._id, 'reset');
    const scope = systemScope({ distributorId: user.distributorId, resellerId: user.resellerId });
    const reseller = user.resellerId ? await scoped(Reseller.findById(user.resellerId, { name: 1 }), scope).lean() : null;
    const link = `${origin}/reset-password?token=${encodeURIComponent(token)}`;
    await mailer
      .send({
        ...resetMessage({ to: user.email, name: user.firstName, reseller: reseller?.name ?? 'Storefront Admin', language: user.language, link, hours: TOKEN_TTL_HOURS.reset }),
        tenant: { distributorId: user.distributorId, resellerId: user.resellerId ?? null },
      })
      .catch(log);
  }
}
