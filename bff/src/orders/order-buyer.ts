import type { Types } from 'mongoose';
import { companyRoleOf } from '../policies/policy.js';
import type { ApprovalQuestion } from '../policies/order-approval.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { Order } from './order.model.js';

/** The first instant of the calendar month (UTC) that `at` falls in: monthly limits count from it. */
export const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

/**
 * The storefront user placing an order, as the approval rules see it: role, spending limits, and
 * what its other orders of this calendar month (not canceled) add up to.
 */
export async function buyerOf(actor: Actor, at: Date): Promise<NonNullable<ApprovalQuestion['buyer']>> {
  const { principal, scope } = actor;
  const [user, month] = await Promise.all([
    scoped(User.findById(principal.userId, { orderLimitCents: 1, monthlyLimitCents: 1 }), scope).lean(),
    scoped(
      Order.find(
        { customerId: principal.customerId, 'placedBy.userId': principal.userId, orderedAt: { $gte: monthStart(at) }, status: { $ne: 'canceled' } },
        { totalAmountCents: 1 },
      ),
      scope,
    ).lean(),
  ]);
  return {
    companyRole: companyRoleOf(principal),
    orderLimitCents: user?.orderLimitCents ?? null,
    monthlyLimitCents: user?.monthlyLimitCents ?? null,
    monthSpentCents: month.reduce((s, o) => s + o.totalAmountCents, 0),
  };
}

/** The company's active approvers, who approve its buyers' orders before the reseller sees them. */
export const companyApprovers = (scope: Scope, customerId: Types.ObjectId) =>
  scoped(
    User.find({ customerId, role: 'storefront', state: 'active', companyRole: 'approver' }, { email: 1, firstName: 1, language: 1, distributorId: 1, resellerId: 1, customerId: 1 }),
    scope,
  ).lean();

export async function companyHasApprovers(scope: Scope, customerId: Types.ObjectId): Promise<boolean> {
  return (await scoped(User.countDocuments({ customerId, role: 'storefront', state: 'active', companyRole: 'approver' }), scope)) > 0;
}
