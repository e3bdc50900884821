import { Types } from 'mongoose';
import { VIEW_AS_MINUTES, type ViewAsEnded, type ViewAsRequest } from '@app/shared';
import { auditEventFor } from '../audit/audit.service.js';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { Session } from '../auth/session.model.js';
import { endViewAs, viewAsEntry, type ViewAsMark } from '../auth/view-as-session.js';
import { getCustomer } from '../customers/customer.service.js';
import { conflict, forbidden, notFound } from '../errors/app-error.js';
import { customerPolicy } from '../policies/customer.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';

/** The company admins first (they see all a user of the company may), then whoever is active. */
const rank = (u: { companyRole?: string | null; state: string }) => ((u.companyRole ?? 'admin') === 'admin' ? 0 : 2) + (u.state === 'active' ? 0 : 1);

/**
 * Staff begin looking at a customer's storefront as one of its users (its first admin when none is
 * named). The customer must be inside the caller's scope (else 404, as for any other read), the
 * user one of that customer's; the look is written on the caller's own session with its audit
 * event, in one write, and lasts VIEW_AS_MINUTES.
 */
export async function startViewAs(actor: Actor, customerId: string, input: ViewAsRequest, now = new Date()): Promise<void> {
  const { principal, scope } = actor;
  customerPolicy.authorize(principal, 'customer.viewAs', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const users = await scoped(
    User.find({ customerId: customer._id, role: 'storefront', ...(input.userId ? { _id: new Types.ObjectId(input.userId) } : {}) }, { companyRole: 1, state: 1 })
      .sort({ lastName: 1, firstName: 1, _id: 1 })
      .limit(200),
    scope,
  ).lean();
  if (users.length === 0) {
    if (input.userId) throw notFound('The storefront user');
    throw conflict(`${customer.companyName} has no storefront users yet: add one to see its storefront as they would.`);
  }
  const user = [...users].sort((a, b) => rank(a) - rank(b))[0]!;
  const mark: ViewAsMark = { userId: user._id, customerId: customer._id, startedAt: now, expiresAt: new Date(now.getTime() + VIEW_AS_MINUTES * 60_000) };
  const event = auditEventFor(actor, { action: 'customer.view_as_started', ...(await viewAsEntry(mark)) }, now);
  const written = await Session.findOneAndUpdate(
    { _id: principal.sessionId, userId: principal.userId, endedAt: null, viewAs: null },
    { $set: { viewAs: mark }, ...pushAudit(event) },
    { returnDocument: 'after' },
  ).lean();
  // Another tab began a look meanwhile (this one would have been read-only, and refused, after it).
  if (!written) throw conflict('You are already looking at a storefront in another tab: go back to the admin there first.', 'stale');
  await settleAudit(actor, Session, written as unknown as { _id: Types.ObjectId });
}

/** Staff stop looking: their own session again, and the customer they looked at, to go back to. */
export async function stopViewAs(actor: Actor): Promise<ViewAsEnded> {
  const viewedBy = actor.principal.viewedBy;
  if (!viewedBy) throw conflict('You are not looking at a storefront as a customer.', 'stale');
  const mark: ViewAsMark = {
    userId: actor.principal.userId,
    customerId: actor.principal.customerId!,
    startedAt: viewedBy.startedAt,
    expiresAt: viewedBy.expiresAt,
  };
  await endViewAs(viewedBy.staff, viewedBy.staff.sessionId, mark, actor.client);
  // Ended here or by a racing tab: either way the caller is itself again.
  return { customerId: String(mark.customerId), staffRole: viewedBy.staff.role === 'distributor' ? 'distributor' : 'reseller' };
}
