import type { Types } from 'mongoose';
import { customerShareDelta } from '../customers/customer-figures.js';
import { Customer } from '../customers/customer.model.js';
import { pushFigureDelta } from '../figures/kept-figures.js';
import { systemScope, type Scope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Order } from './order.model.js';

/**
 * A customer's monthly run rate (rule 5): the monthly amounts of its executed orders whose
 * subscriptions are still active. Recomputed, never incremented, so running it twice is harmless.
 * The stored value is read before the orders are summed and replaced only while it is still the
 * value read, with the delta of the kept figures in the same write: two refreshes racing each
 * other cannot both move the figures from the same value, and the later sum wins.
 */
export async function refreshRunRate(scope: Scope, customerId: Types.ObjectId): Promise<number> {
  for (;;) {
    const before = await scoped(Customer.findById(customerId, { active: 1, monthlyRunRateCents: 1 }), scope).lean();
    if (!before) return 0;
    const [sum] = await scoped(
      Order.aggregate<{ total: number }>([
        { $match: { customerId, status: 'executed', subscriptionActive: true } },
        { $group: { _id: null, total: { $sum: '$monthlyAmountCents' } } },
      ]),
      scope,
    );
    const total = sum?.total ?? 0;
    if (total === before.monthlyRunRateCents) return total;
    const res = await scoped(
      Customer.updateOne(
        { _id: customerId, monthlyRunRateCents: before.monthlyRunRateCents },
        { $set: { monthlyRunRateCents: total }, $push: pushFigureDelta(customerShareDelta(before, { active: before.active, monthlyRunRateCents: total })) },
      ),
      scope,
    );
    if (res.modifiedCount === 1) return total;
  }
}

/** The same for the customer of a changed order (part of the Order model's follow-up); returns that customer. */
export async function refreshRunRateOfOrder(orderId: Types.ObjectId): Promise<Types.ObjectId | null> {
  const order = await unsafeUnscoped(Order.findById(orderId, { distributorId: 1, resellerId: 1, customerId: 1 }), 'follow-up: the customer of a changed order').lean();
  if (!order) return null;
  await refreshRunRate(systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId }), order.customerId);
  return order.customerId;
}
