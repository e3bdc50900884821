import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { ClientInfo } from '../tenancy/actor.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { accountStanding, standingFacts, standingIdsOf, standingOf } from './account-standing.js';
import { Session } from './session.model.js';
import { SESSION_TTL_SECONDS, type SessionClaims } from './session-token.js';


export async function createSession(userId: Types.ObjectId, client: ClientInfo, now = new Date()) {
  return Session.create({
    _id: randomBytes(24).toString('base64url'),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    ip: client.ip,
    userAgent: client.userAgent,
  });
}

export async function endSession(sessionId: string, now = new Date()): Promise<void> {
  await Session.updateOne({ _id: sessionId, endedAt: null }, { $set: { endedAt: now } });
}

/** Ends every session of a user at once (deactivation): their next request answers 401. */
export async function endAllSessionsOf(userId: Types.ObjectId, now = new Date()): Promise<number> {
  const result = await Session.updateMany({ userId, endedAt: null }, { $set: { endedAt: now } });
  return result.modifiedCount;
}

/** Ends every session of a user but the one in use (their own password change): the others answer 401. */
export async function endOtherSessionsOf(userId: Types.ObjectId, keepSessionId: string, now = new Date()): Promise<number> {
  const result = await Session.updateMany({ userId, endedAt: null, _id: { $ne: keepSessionId } }, { $set: { endedAt: now } });
  return result.modifiedCount;
}

/**
 * Ends the sessions of everyone under a reseller, staff and storefront users (suspension). The
 * check at every request (account-standing.ts) already refuses them; this also closes the records.
 */
export async function endSessionsOfReseller(reseller: { _id: Types.ObjectId; distributorId: Types.ObjectId }, now = new Date()): Promise<number> {
  const users = await unsafeUnscoped(User.find({ distributorId: reseller.distributorId, resellerId: reseller._id }, { _id: 1 }), 'auth: the accounts of a suspended reseller').lean();
  if (users.length === 0) return 0;
  const result = await Session.updateMany({ userId: { $in: users.map((u) => u._id) }, endedAt: null }, { $set: { endedAt: now } });
  return result.modifiedCount;
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  // One whose audit event still waits in its outbox stays until the event has moved.
  const result = await Session.deleteMany({ expiresAt: { $lt: now }, 'pendingAudit.0': { $exists: false } });
  return result.deletedCount;
}

/** Whether two standing lookups are for the same ids (the token's hint and the account's own). */
const sameIds = (a: { resellerId?: unknown; customerId?: unknown }, b: { resellerId?: unknown; customerId?: unknown }) =>
  String(a.resellerId ?? '') === String(b.resellerId ?? '') && String(a.customerId ?? '') === String(b.customerId ?? '');

/**
 * The live session and active user behind verified token claims, or why not: `why` says it in
 * words when the account itself may no longer sign in (deactivated, its reseller suspended, its
 * company inactive) — also when that is why its session was ended — and is null when only the
 * session has ended (logout, expiry, a password reset).
 * The session, the account and the standing of the reseller and company named by the token are
 * read at once; should the token name other ones than the account (an older token has none), the
 * standing is read again for the account's own.
 */
export async function resolveSession(claims: SessionClaims, now = new Date()) {
  const hinted = claims.tenant ?? {};
  const [session, user, hintedFacts] = await Promise.all([
    Session.findById(claims.sessionId).lean(),
    unsafeUnscoped(User.findById(claims.userId), 'auth: the user behind a live session').lean(),
    standingFacts(hinted),
  ]);
  if (!session || String(session.userId) !== claims.userId || !user) return { why: null };
  const ids = standingIdsOf(user);
  const facts = sameIds(ids, hinted) ? hintedFacts : await standingFacts(ids);
  const standing = standingOf(user, facts);
  if (standing !== null) return { why: standing.message };
  if (session.endedAt) return { why: await whyEnded(claims.userId) };
  if (session.expiresAt <= now) return { why: null };
  return { session, user };
}

/**
 * Why an ended session ended, read after seeing it ended. The three reads above run at once, so
 * the account may have been read just before a deactivation (or suspension) that ended the session
 * read just after: every such change writes the account's standing first and ends its sessions
 * second, so a read that starts once the end is seen finds the reason, if there is one.
 */
async function whyEnded(userId: string): Promise<string | null> {
  const user = await unsafeUnscoped(User.findById(userId), 'auth: why a session of this user ended').lean();
  return user ? ((await accountStanding(user))?.message ?? null) : null;
}

/** The token claims of a new session of `user`. */
export function claimsOf(user: { _id: Types.ObjectId; role: string; resellerId?: unknown; customerId?: unknown }, sessionId: string): SessionClaims {
  const ids = standingIdsOf(user);
  return {
    userId: String(user._id),
    sessionId,
    tenant: { ...(ids.resellerId ? { resellerId: String(ids.resellerId) } : {}), ...(ids.customerId ? { customerId: String(ids.customerId) } : {}) },
  };
}
