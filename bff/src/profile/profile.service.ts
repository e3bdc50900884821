import type { ChangePassword, Profile, ProfileFields } from '@app/shared';
import { auditEventFor, diff } from '../audit/audit.service.js';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import type { LoginRateLimiter } from '../auth/login-rate-limit.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { passwordTurns } from '../auth/password-turns.js';
import { endOtherSessionsOf } from '../auth/sessions.js';
import { conflict, notFound, validationFailed } from '../errors/app-error.js';
import { profilePolicy } from '../policies/profile.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';

/*
 * The signed-in person's own account: their name, language and date format, and their password.
 * Every read and write names the session's own user id inside the session's scope, so nothing here
 * can reach anyone else's account.
 */

const FIELDS = ['firstName', 'lastName', 'language', 'dateFormat'] as const;

const ownAccount = (actor: Actor, projection: Record<string, 1>) => scoped(User.findById(actor.principal.userId, projection), actor.scope).lean();

const profileOf = (u: ProfileFields & { email: string }): Profile => ({ firstName: u.firstName, lastName: u.lastName, language: u.language, dateFormat: u.dateFormat, email: u.email });

export async function readProfile(actor: Actor): Promise<Profile> {
  profilePolicy.authorize(actor.principal, 'profile.read', undefined, () => notFound('Your account'));
  const user = await ownAccount(actor, { firstName: 1, lastName: 1, language: 1, dateFormat: 1, email: 1 });
  if (!user) throw notFound('Your account');
  return profileOf(user as ProfileFields & { email: string });
}

/**
 * Saves the fields that changed, audited before → after, on the values read: a save from another
 * window in between is not overwritten blindly (409, reload and try again).
 */
export async function updateProfile(actor: Actor, fields: ProfileFields): Promise<Profile> {
  profilePolicy.authorize(actor.principal, 'profile.update', undefined, () => notFound('Your account'));
  const before = await ownAccount(actor, { firstName: 1, lastName: 1, language: 1, dateFormat: 1, email: 1 });
  if (!before) throw notFound('Your account');
  const changes = diff(before as ProfileFields, fields);
  if (Object.keys(changes).length === 0) return profileOf(before as ProfileFields & { email: string });
  const event = auditEventFor(actor, {
    action: 'account.profile_updated',
    target: { type: 'user', id: before._id, label: `${fields.firstName} ${fields.lastName}` },
    changes,
  });
  const asRead = Object.fromEntries(FIELDS.map((f) => [f, before[f]]));
  const written = await scoped(
    User.findOneAndUpdate({ _id: before._id, ...asRead }, { $set: fields, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean();
  if (!written) throw conflict('Your profile was changed in another window meanwhile. Reload it and make your change again.', 'stale');
  await settleAudit(actor, User, written);
  return profileOf(written as ProfileFields & { email: string });
}

/**
 * A new password, proved by the current one (which sign-in's rate limits guard, as a guess at it
 * is a sign-in attempt). Every other session of the person ends: before the change, so a failure
 * after it cannot leave them open, and again after it, for one opened in between.
 */
export async function changePassword(actor: Actor, input: ChangePassword, limiter: LoginRateLimiter): Promise<{ otherSessionsEnded: number }> {
  profilePolicy.authorize(actor.principal, 'profile.changePassword', undefined, () => notFound('Your account'));
  const { principal, client } = actor;
  const address = client.ip ?? 'unknown';
  await limiter.beforeAttempt(address, principal.email);
  const user = await ownAccount(actor, { passwordHash: 1, firstName: 1, lastName: 1 });
  if (!user) throw notFound('Your account');
  const right = await passwordTurns.run(principal.email, () => verifyPassword(user.passwordHash, input.currentPassword));
  if (!right) {
    await limiter.afterFailure(address, principal.email);
    throw validationFailed({ currentPassword: 'This is not your current password' }, 'Your current password was not right: nothing was changed.');
  }
  await limiter.afterSuccess(address, principal.email);
  const passwordHash = await hashPassword(input.newPassword);
  const event = auditEventFor(actor, { action: 'account.password_changed', target: { type: 'user', id: user._id, label: `${user.firstName} ${user.lastName}` } });
  let ended = await endOtherSessionsOf(user._id, principal.sessionId);
  // On the hash read: of two changes racing on one current password, one wins and the other is told.
  const written = await scoped(
    User.findOneAndUpdate({ _id: user._id, passwordHash: user.passwordHash }, { $set: { passwordHash }, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean();
  if (!written) throw conflict('Your password was changed meanwhile (in another window?). Nothing was changed here.');
  ended += await endOtherSessionsOf(user._id, principal.sessionId);
  await settleAudit(actor, User, written);
  return { otherSessionsEnded: ended };
}
