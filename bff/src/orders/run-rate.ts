import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { systemScope, type Scope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Order } from './order.model.js';

/**
 * A customer's monthly run rate (rule 5): the monthly amounts of its executed orders whose
 * subscriptions are still active. Recomputed, never incremented, so running it twice is harmless.
 */
export async function refreshRunRate(scope: Scope, customerId: Types.ObjectId): Promise<number> {
  const [sum] = await scoped(
    Order.aggregate<{ total: number }>([
      { $match: { customerId, status: 'executed', subscriptionActive: true } },
      { $group: { _id: null, total: { $sum: '$monthlyAmountCents' } } },
    ]),
    scope,
  );
  const total = sum?.total ?? 0;
  await scoped(Customer.updateOne({ _id: customerId }, { $set: { monthlyRunRateCents: total } }), scope);
  return total;
}

/** The same for the customer of a changed order (the Order model's follow-up). */
export async function refreshRunRateOfOrder(orderId: Types.ObjectId): Promise<void> {
  const order = await unsafeUnscoped(Order.findById(orderId, { distributorId: 1, resellerId: 1, customerId: 1 }), 'follow-up: the customer of a changed order').lean();
  if (!order) return;
  await refreshRunRate(systemScope({ distributorId: order.distributorId, resellerId: order.resellerId, customerId: order.customerId }), order.customerId);
}
