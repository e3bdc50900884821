import type { Types } from 'mongoose';
import { auditEventFor } from '../audit/audit.service.js';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { Customer } from '../customers/customer.model.js';
import { SYSTEM_CLIENT, type Actor, type ClientInfo } from '../tenancy/actor.js';
import { principalFromAccount, type Principal } from '../tenancy/principal.js';
import { scopeFor } from '../tenancy/scope.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { Session } from './session.model.js';

/*
 * Staff looking at a customer's storefront as one of its users. The staff member's own session
 * carries the look (`viewAs`), so nothing new is signed and nothing outlives the session; each
 * request reads the user again and checks that the customer is still inside the staff member's
 * subtree, so a look can never reach past what the staff member may see.
 */

export interface ViewAsMark {
  userId: Types.ObjectId;
  customerId: Types.ObjectId;
  startedAt: Date;
  expiresAt: Date;
}

const staffActor = (staff: Principal, client: ClientInfo): Actor => ({ principal: staff, scope: scopeFor(staff), client });

/** Whether `staff` may see the storefront user `user` (same subtree: its distributor, and its reseller for reseller staff). */
export function staffSees(staff: Principal, user: { role: string; distributorId: Types.ObjectId; resellerId?: Types.ObjectId | null }): boolean {
  if (user.role !== 'storefront' || !staff.distributorId.equals(user.distributorId)) return false;
  if (staff.role === 'distributor') return true;
  return staff.role === 'reseller' && staff.resellerId !== null && user.resellerId != null && staff.resellerId.equals(user.resellerId);
}

/**
 * The principal of a request made while `staff` looks as the user of `mark`: that user, marked as
 * viewed by `staff`. Null when the user is gone or outside the staff member's subtree (the look
 * then ends quietly: the staff member is themselves again).
 */
export async function viewedPrincipal(staff: Principal, mark: ViewAsMark): Promise<Principal | null> {
  const user = await unsafeUnscoped(User.findById(mark.userId), 'auth: the storefront user staff look as').lean();
  if (!user || !user.customerId?.equals(mark.customerId) || !staffSees(staff, user)) return null;
  return Object.freeze({
    ...principalFromAccount(user, staff.sessionId),
    viewedBy: Object.freeze({ staff, startedAt: mark.startedAt, expiresAt: mark.expiresAt }),
  });
}

/** The audit entry naming whom `staff` looked as: the user, inside its customer. */
export async function viewAsEntry(mark: Pick<ViewAsMark, 'userId' | 'customerId'>) {
  const [user, customer] = await Promise.all([
    unsafeUnscoped(User.findById(mark.userId, { firstName: 1, lastName: 1 }), 'audit: the name of the user looked as').lean(),
    unsafeUnscoped(Customer.findById(mark.customerId, { companyName: 1, resellerId: 1 }), 'audit: the customer looked at').lean(),
  ]);
  return {
    target: { type: 'user', id: mark.userId, label: user ? `${user.firstName} ${user.lastName}` : null },
    resellerId: customer?.resellerId ?? null,
    customerId: mark.customerId,
    customerName: customer?.companyName ?? null,
  };
}

/**
 * Ends the look of session `sessionId` begun at `startedAt`, audited as `staff`'s in the same
 * write (at its expiry when it lapsed unseen). Only the look it names: of two endings racing (a
 * click and the sweep, two tabs) one writes and the other finds nothing to do. Returns the
 * customer looked at, or null when already ended.
 */
export async function endViewAs(staff: Principal, sessionId: string, mark: ViewAsMark, client: ClientInfo, now = new Date()): Promise<Types.ObjectId | null> {
  const at = mark.expiresAt < now ? mark.expiresAt : now;
  const event = auditEventFor(staffActor(staff, client), { action: 'customer.view_as_ended', ...(await viewAsEntry(mark)) }, at);
  const written = await Session.findOneAndUpdate(
    { _id: sessionId, 'viewAs.startedAt': mark.startedAt, 'viewAs.userId': mark.userId },
    { $set: { viewAs: null }, ...pushAudit(event) },
    { returnDocument: 'after' },
  ).lean();
  if (!written) return null;
  await settleAudit({ client }, Session, written as unknown as { _id: Types.ObjectId });
  return mark.customerId;
}

/**
 * Looks that lapsed while nobody asked (the tab closed): ended and audited at their expiry, so
 * every start has its end. Run by housekeeping before expired sessions are deleted.
 */
export async function endLapsedViewAs(now = new Date()): Promise<number> {
  const lapsed = await Session.find({ 'viewAs.expiresAt': { $lte: now } }, { userId: 1, viewAs: 1 }).lean();
  let ended = 0;
  for (const session of lapsed) {
    const staffUser = await unsafeUnscoped(User.findById(session.userId), 'auth: the staff member whose look lapsed').lean();
    if (!staffUser || !session.viewAs) continue;
    if (await endViewAs(principalFromAccount(staffUser, session._id), session._id, session.viewAs, SYSTEM_CLIENT, now)) ended += 1;
  }
  return ended;
}
