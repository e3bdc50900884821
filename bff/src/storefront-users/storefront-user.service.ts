import { Types } from 'mongoose';
import { type AuditAction, type CreateStorefrontUser, type SetCompanyRole, type UserState } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor, recordAudit } from '../audit/audit.service.js';
import { revokeAccountTokens } from '../auth/account-tokens.js';
import { sendAccountLink, type LinkRecipient, type MailContext } from '../auth/link-mail.js';
import { endAllSessionsOf } from '../auth/sessions.js';
import { getCustomer } from '../customers/customer.service.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { resetMessage, welcomeMessage } from '../mail/templates.js';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';

const DUPLICATE_EMAIL = 'This email already has an account in your storefront.';

export type { MailContext };

/** At most this many users are listed at once; `total` still counts every match. */
export const STOREFRONT_USER_LIST_LIMIT = 500;

export async function listStorefrontUsers(actor: Actor, customerId: string, search?: string) {
  const { scope } = actor;
  // A storefront user's role in its company decides (its admin manages the company's users).
  storefrontUserPolicy.authorize(actor.principal, 'storefrontUser.list', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const filter: Record<string, unknown> = { customerId: customer._id, role: 'storefront' };
  if (search) {
    const re = { $regex: escapeRegex(search.trim()), $options: 'i' };
    filter.$or = [{ firstName: re }, { lastName: re }, { email: re }];
  }
  const [items, total] = await Promise.all([
    scoped(User.find(filter).sort({ lastName: 1, firstName: 1, _id: 1 }).limit(STOREFRONT_USER_LIST_LIMIT), scope).lean(),
    scoped(User.countDocuments(filter), scope),
  ]);
  return { items, total };
}

/** The customer's users waiting for activation (ids), inside the scope. */
export async function pendingActivationUserIds(scope: Scope, customerId: Types.ObjectId): Promise<string[]> {
  const users = await scoped(User.find({ customerId, role: 'storefront', state: 'pending_activation' }, { _id: 1 }).sort({ _id: 1 }), scope).lean();
  return users.map((u) => String(u._id));
}

async function getStorefrontUser(scope: Scope, id: string) {
  if (!Types.ObjectId.isValid(id)) throw notFound('The storefront user');
  const user = await scoped(User.findOne({ _id: new Types.ObjectId(id), role: 'storefront' }), scope).lean();
  if (!user) throw notFound('The storefront user');
  return user;
}

/** The storefront's welcome or reset email with a fresh link, in the user's language. */
const sendLink = (ctx: MailContext, user: LinkRecipient, resellerName: string, purpose: 'activation' | 'reset') =>
  sendAccountLink(ctx, user, purpose, ({ link, hours }) =>
    (purpose === 'activation' ? welcomeMessage : resetMessage)({ to: user.email, name: user.firstName, reseller: resellerName, language: user.language, link, hours }),
  );

/** Adds a user waiting for activation; the welcome email with its link goes unless `sendActivation` is false (an import the importer did not tick). */
export async function addStorefrontUser(actor: Actor, ctx: MailContext, customerId: string, input: CreateStorefrontUser, { sendActivation = true } = {}) {
  const { scope } = actor;
  storefrontUserPolicy.authorize(actor.principal, 'storefrontUser.add', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const _id = new Types.ObjectId();
  const event = auditEventFor(actor, {
    action: 'storefront_user.created',
    target: { type: 'storefront_user', id: _id, label: `${input.firstName} ${input.lastName}` },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
  });
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
    if (isDuplicateKey(err)) throw validationFailed({ email: DUPLICATE_EMAIL }, DUPLICATE_EMAIL);
    throw err;
  }
  await settleAudit(actor, User, { _id, ...withCreationAudit(event) });
  const emailSent = sendActivation ? await sendLink(ctx, doc, customer.resellerName, 'activation') : false;
  return { user: await getStorefrontUser(scope, doc.id as string), emailSent };
}

const LINK_RULES = {
  activation: {
    ability: 'storefrontUser.resendActivation',
    refusal: 'Only a user waiting for activation can be sent a new activation link.',
    action: 'storefront_user.activation_resent',
  },
  reset: {
    ability: 'storefrontUser.resetPassword',
    refusal: 'Only an active user can be sent a password reset link.',
    action: 'storefront_user.password_reset_sent',
  },
} as const;

/** Emails a fresh link (the previous one stops working) when the user is in the state the link is for. */
async function emailLink(actor: Actor, ctx: MailContext, id: string, purpose: keyof typeof LINK_RULES) {
  const rule = LINK_RULES[purpose];
  const user = await getStorefrontUser(actor.scope, id);
  storefrontUserPolicy.authorize(actor.principal, rule.ability, user, () => conflict(rule.refusal));
  const { customer } = await getCustomer(actor.scope, String(user.customerId));
  const emailSent = await sendLink(ctx, user, customer.resellerName, purpose);
  await recordAudit(actor, {
    action: rule.action,
    target: { type: 'storefront_user', id: user._id, label: `${user.firstName} ${user.lastName}` },
    resellerId: user.resellerId,
    customerId: user.customerId,
    customerName: customer.companyName,
  });
  return { user, emailSent };
}

export const resendActivation = (actor: Actor, ctx: MailContext, id: string) => emailLink(actor, ctx, id, 'activation');
export const sendPasswordReset = (actor: Actor, ctx: MailContext, id: string) => emailLink(actor, ctx, id, 'reset');

/**
 * Moves the user to `to` in one atomic update, when the policy allows `ability` in the state read;
 * a user in another state is 409.
 */
async function transition(
  actor: Actor,
  id: string,
  ability: 'storefrontUser.deactivate' | 'storefrontUser.activate',
  to: (u: { passwordHash?: string | null }) => UserState,
  action: AuditAction,
) {
  const user = await getStorefrontUser(actor.scope, id);
  const refusal = () => conflict(`This user is ${user.state.replace('_', ' ')}; refresh to see the current state.`);
  storefrontUserPolicy.authorize(actor.principal, ability, user, refusal);
  const target = to(user);
  const event = auditEventFor(actor, {
    action,
    target: { type: 'storefront_user', id: user._id, label: `${user.firstName} ${user.lastName}` },
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
  // Also refreshes the customer's storefront-access mark (the User model's follow-up); should that
  // fail, the event stays in the outbox and the next change or the start-up sweep redoes both.
  await settleAudit(actor, User, updated);
  return updated;
}

/** Deactivates and ends the user's sessions at once: their next request answers 401. */
export async function deactivateStorefrontUser(actor: Actor, id: string) {
  const user = await transition(actor, id, 'storefrontUser.deactivate', () => 'deactivated', 'storefront_user.deactivated');
  await endAllSessionsOf(user._id);
  await revokeAccountTokens(user._id);
  return { user, emailSent: false };
}

/** Back to active, or to pending when the user never set a password. */
export async function activateStorefrontUser(actor: Actor, id: string) {
  const user = await transition(actor, id, 'storefrontUser.activate', (u) => (u.passwordHash ? 'active' : 'pending_activation'), 'storefront_user.activated');
  return { user, emailSent: false };
}

const cents = (amount: number | null) => (amount === null ? null : Math.round(amount * 100));

/**
 * Sets a user's role in its company and spending limits: the reseller's staff for any of its
 * customers' users, a company's admin for its own company's other users. Conditional on the values
 * read, so the audit's "from" is what the change really replaced; a change in between is 409.
 */
export async function setCompanyRole(actor: Actor, id: string, input: SetCompanyRole) {
  const user = await getStorefrontUser(actor.scope, id);
  storefrontUserPolicy.authorize(actor.principal, 'storefrontUser.setCompanyRole', { state: user.state, id: user._id.toHexString() }, () =>
    forbidden('You cannot change your own role.'),
  );
  const before = { companyRole: user.companyRole ?? 'admin', orderLimitCents: user.orderLimitCents ?? null, monthlyLimitCents: user.monthlyLimitCents ?? null };
  const after = { companyRole: input.companyRole, orderLimitCents: cents(input.orderLimit), monthlyLimitCents: cents(input.monthlyLimit) };
  const changes = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
  );
  if (Object.keys(changes).length === 0) return { user, emailSent: false };
  const event = auditEventFor(actor, {
    action: 'storefront_user.role_changed',
    target: { type: 'storefront_user', id: user._id, label: `${user.firstName} ${user.lastName}` },
    resellerId: user.resellerId,
    customerId: user.customerId,
    changes,
  });
  const updated = (await scoped(
    User.findOneAndUpdate(
      {
        _id: user._id,
        role: 'storefront',
        companyRole: user.companyRole ?? { $in: [null] },
        orderLimitCents: before.orderLimitCents,
        monthlyLimitCents: before.monthlyLimitCents,
      },
      { $set: after, ...pushAudit(event) },
      { returnDocument: 'after' },
    ),
    actor.scope,
  ).lean()) as typeof user | null;
  if (!updated) throw conflict('This user was changed by someone else meanwhile; refresh to see the current role and limits.');
  await settleAudit(actor, User, updated);
  return { user: updated, emailSent: false };
}
