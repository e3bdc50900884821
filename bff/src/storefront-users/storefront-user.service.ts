import { Types } from 'mongoose';
import type { CreateStorefrontUser } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor, recordAudit, type Actor } from '../audit/audit.service.js';
import { issueAccountToken, revokeAccountTokens, TOKEN_TTL_HOURS } from '../auth/account-tokens.js';
import { endAllSessionsOf } from '../auth/sessions.js';
import { refreshStorefrontAccess } from '../customers/customer-access.js';
import { escapeRegex } from '../customers/customer-list.js';
import { getCustomer } from '../customers/customer.service.js';
import { AppError, conflict, notFound } from '../http/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { resetMessage, welcomeMessage } from '../mail/templates.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import type { USER_STATES } from '../users/user.model.js';
import { User } from '../users/user.model.js';

const DUPLICATE_EMAIL = 'This email already has an account in your storefront.';

export interface MailContext {
  mailer: Mailer;
  /** Origin for the links in emails. */
  origin: string;
  log: (err: unknown, msg: string) => void;
}

export async function listStorefrontUsers(scope: Scope, customerId: string, search?: string) {
  const { customer } = await getCustomer(scope, customerId);
  const filter: Record<string, unknown> = { customerId: customer._id, role: 'storefront' };
  if (search) {
    const re = { $regex: escapeRegex(search.trim()), $options: 'i' };
    filter.$or = [{ firstName: re }, { lastName: re }, { email: re }];
  }
  return scoped(User.find(filter).sort({ lastName: 1, firstName: 1, _id: 1 }).limit(500), scope).lean();
}

async function getStorefrontUser(scope: Scope, id: string) {
  if (!Types.ObjectId.isValid(id)) throw notFound('The storefront user');
  const user = await scoped(User.findOne({ _id: new Types.ObjectId(id), role: 'storefront' }), scope).lean();
  if (!user) throw notFound('The storefront user');
  return user;
}

/** Sends a link email; a failed send is reported to the caller, never half-hidden. */
type LinkRecipient = { _id: Types.ObjectId; email: string; firstName: string; language: string; distributorId: Types.ObjectId; resellerId?: Types.ObjectId | null };
async function sendLink(ctx: MailContext, user: LinkRecipient, resellerName: string, purpose: 'activation' | 'reset') {
  const token = await issueAccountToken(user._id, purpose);
  const path = purpose === 'activation' ? '/activate' : '/reset-password';
  const link = `${ctx.origin}${path}?token=${encodeURIComponent(token)}`;
  const build = purpose === 'activation' ? welcomeMessage : resetMessage;
  try {
    const message = build({ to: user.email, name: user.firstName, reseller: resellerName, language: user.language, link, hours: TOKEN_TTL_HOURS[purpose] });
    await ctx.mailer.send({ ...message, tenant: { distributorId: user.distributorId, resellerId: user.resellerId ?? null } });
    return true;
  } catch (err) {
    ctx.log(err, `could not send the ${purpose} email`);
    return false;
  }
}

export async function addStorefrontUser(actor: Actor, ctx: MailContext, customerId: string, input: CreateStorefrontUser) {
  const { scope } = actor;
  const { customer } = await getCustomer(scope, customerId);
  const _id = new Types.ObjectId();
  const event = auditEventFor(actor, { action: 'storefront_user.created', target: { type: 'storefront_user', id: _id }, resellerId: customer.resellerId, customerId: customer._id });
  const doc = scopedDoc(
    new User({
      _id,
      ...withCreationAudit(event),
      ...input,
      loginRealm: String(customer.resellerId),
      role: 'storefront',
      distributorId: customer.distributorId,
      resellerId: customer.resellerId,
      customerId: customer._id,
      state: 'pending_activation',
      passwordHash: null,
    }),
    scope,
  );
  try {
    await doc.save();
  } catch (err) {
    // The unique index (loginRealm, email) decides, also when two requests race.
    if ((err as { code?: number }).code === 11000) throw new AppError(400, 'validation_failed', DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
    throw err;
  }
  await settleAudit(actor, User, _id, [event]);
  const emailSent = await sendLink(ctx, doc, customer.resellerName, 'activation');
  return { user: await getStorefrontUser(scope, doc.id as string), emailSent };
}

const LINK_RULES = {
  activation: {
    state: 'pending_activation',
    refusal: 'Only a user waiting for activation can be sent a new activation link.',
    action: 'storefront_user.activation_resent',
  },
  reset: { state: 'active', refusal: 'Only an active user can be sent a password reset link.', action: 'storefront_user.password_reset_sent' },
} as const;

/** Emails a fresh link (the previous one stops working) when the user is in the state the link is for. */
async function emailLink(actor: Actor, ctx: MailContext, id: string, purpose: keyof typeof LINK_RULES) {
  const rule = LINK_RULES[purpose];
  const user = await getStorefrontUser(actor.scope, id);
  if (user.state !== rule.state) throw conflict(rule.refusal);
  const { customer } = await getCustomer(actor.scope, String(user.customerId));
  const emailSent = await sendLink(ctx, user, customer.resellerName, purpose);
  await recordAudit(actor, { action: rule.action, target: { type: 'storefront_user', id: user._id }, resellerId: user.resellerId, customerId: user.customerId });
  return { user, emailSent };
}

export const resendActivation = (actor: Actor, ctx: MailContext, id: string) => emailLink(actor, ctx, id, 'activation');
export const sendPasswordReset = (actor: Actor, ctx: MailContext, id: string) => emailLink(actor, ctx, id, 'reset');

/** Moves the user from one of `from` to `to` in one atomic update; a user in another state is 409. */
type UserState = (typeof USER_STATES)[number];

async function transition(actor: Actor, id: string, from: UserState[], to: (u: { passwordHash?: string | null }) => UserState, action: string) {
  const user = await getStorefrontUser(actor.scope, id);
  const refusal = () => conflict(`This user is ${user.state.replace('_', ' ')}; refresh to see the current state.`);
  if (!from.includes(user.state)) throw refusal();
  const target = to(user);
  const event = auditEventFor(actor, {
    action,
    target: { type: 'storefront_user', id: user._id },
    resellerId: user.resellerId,
    customerId: user.customerId,
    changes: { state: { from: user.state, to: target } },
  });
  // Conditional on the state read: a user whose state moved meanwhile is 409, and the event's
  // "from" is the state the change really left.
  const updated = (await scoped(
    User.findOneAndUpdate({ _id: user._id, role: 'storefront', state: user.state }, { $set: { state: target }, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean()) as typeof user | null;
  if (!updated) throw refusal();
  // Should this fail, the event stays in the outbox and the start-up sweep redoes both.
  await refreshStorefrontAccess(actor.scope, user.customerId!);
  await settleAudit(actor, User, user._id, updated.pendingAudit);
  return updated;
}

/** Deactivates and ends the user's sessions at once: their next request answers 401. */
export async function deactivateStorefrontUser(actor: Actor, id: string) {
  const user = await transition(actor, id, ['pending_activation', 'active'], () => 'deactivated', 'storefront_user.deactivated');
  await endAllSessionsOf(user._id);
  await revokeAccountTokens(user._id);
  return { user, emailSent: false };
}

/** Back to active, or to pending when the user never set a password. */
export async function activateStorefrontUser(actor: Actor, id: string) {
  const user = await transition(actor, id, ['deactivated'], (u) => (u.passwordHash ? 'active' : 'pending_activation'), 'storefront_user.activated');
  return { user, emailSent: false };
}
