import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/** A reseller's subtree in figures: what the grid's count columns and the detail page show. */
export interface ResellerFigureValues {
  customers: number;
  monthlyRunRateCents: number;
  ordersPendingApproval: number;
  ordersInProgress: number;
  oldestPendingOrderAt: Date | null;
}

const NONE: ResellerFigureValues = { customers: 0, monthlyRunRateCents: 0, ordersPendingApproval: 0, ordersInProgress: 0, oldestPendingOrderAt: null };

/**
 * The figures of a page of resellers in four scoped queries, whatever the page size (no query per
 * row): grouped passes over their customers (count, run rate) and over their open orders, and one walk over
 * their waiting orders oldest first that stops once each reseller's oldest is seen (FerretDB's
 * $group has no $min; on MongoDB the walk is an index range in order date order).
 */
export async function figuresOf(scope: Scope, resellerIds: readonly Types.ObjectId[]): Promise<Map<string, ResellerFigureValues>> {
  const out = new Map(resellerIds.map((id) => [id.toHexString(), { ...NONE }]));
  if (resellerIds.length === 0) return out;
  const ids = [...resellerIds];
  // Counts and sums in separate passes: FerretDB 1.24 answers 0 for a field's $sum that shares its
  // $group with another accumulator (measured), so each $group here has exactly one.
  const [customers, runRates, orders] = await Promise.all([
    scoped(Customer.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { resellerId: { $in: ids } } }, { $group: { _id: '$resellerId', n: { $sum: 1 } } }]), scope),
    scoped(
      Customer.aggregate<{ _id: Types.ObjectId; cents: number }>([
        { $match: { resellerId: { $in: ids }, monthlyRunRateCents: { $gt: 0 } } },
        { $group: { _id: '$resellerId', cents: { $sum: '$monthlyRunRateCents' } } },
      ]),
      scope,
    ),
    scoped(
      Order.aggregate<{ _id: { r: Types.ObjectId; s: string }; n: number }>([
        { $match: { resellerId: { $in: ids }, status: { $in: ['pending_approval', 'in_progress'] } } },
        { $group: { _id: { r: '$resellerId', s: '$status' }, n: { $sum: 1 } } },
      ]),
      scope,
    ),
  ]);
  for (const c of customers) Object.assign(out.get(String(c._id)) ?? {}, { customers: c.n });
  for (const c of runRates) Object.assign(out.get(String(c._id)) ?? {}, { monthlyRunRateCents: c.cents });
  for (const o of orders) {
    const figures = out.get(String(o._id.r));
    if (!figures) continue;
    if (o._id.s === 'pending_approval') figures.ordersPendingApproval = o.n;
    else figures.ordersInProgress = o.n;
  }

  const waiting = ids.filter((id) => out.get(id.toHexString())!.ordersPendingApproval > 0);
  if (waiting.length > 0) {
    let unseen = waiting.length;
    const cursor = scoped(
      Order.find({ resellerId: { $in: waiting }, status: 'pending_approval' }, { resellerId: 1, orderedAt: 1 }).sort({ orderedAt: 1, _id: 1 }).lean(),
      scope,
    ).cursor({ batchSize: 100 });
    for await (const order of cursor) {
      const figures = out.get(String(order.resellerId))!;
      if (figures.oldestPendingOrderAt) continue;
      figures.oldestPendingOrderAt = order.orderedAt;
      if (--unseen === 0) break;
    }
    await cursor.close();
  }
  return out;
}

/** The ids of the resellers with at least one order waiting for approval (the home page's filter). */
export async function resellersWithWaitingOrders(scope: Scope): Promise<Types.ObjectId[]> {
  const groups = await scoped(
    Order.aggregate<{ _id: Types.ObjectId }>([{ $match: { status: 'pending_approval' } }, { $group: { _id: '$resellerId', n: { $sum: 1 } } }]),
    scope,
  );
  return groups.map((g) => g._id);
}
