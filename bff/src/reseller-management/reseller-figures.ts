import type { Types } from 'mongoose';
import { figuresOf } from '../figures/kept-figures.js';
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

/**
 * The figures of a page of resellers: the counts as kept on each reseller (figures/kept-figures.ts),
 * so a reseller of a million orders costs what one of ten does, and for each reseller with orders
 * waiting, its oldest one: the first entry of the index {distributorId, resellerId, status,
 * orderedAt}, one short read per row, side by side.
 */
export async function figuresOfPage(
  scope: Scope,
  resellers: readonly { _id: Types.ObjectId }[],
): Promise<Map<string, ResellerFigureValues>> {
  const oldest = await Promise.all(
    resellers.map((r) =>
      figuresOf(r).pendingApproval > 0
        ? scoped(Order.findOne({ resellerId: r._id, status: 'pending_approval' }, { orderedAt: 1 }).sort({ orderedAt: 1, _id: 1 }), scope).lean()
        : null,
    ),
  );
  return new Map(
    resellers.map((r, i) => {
      const kept = figuresOf(r);
      const figures: ResellerFigureValues = {
        customers: kept.customers,
        monthlyRunRateCents: kept.runRateCents,
        ordersPendingApproval: kept.pendingApproval,
        ordersInProgress: kept.inProgress,
        oldestPendingOrderAt: oldest[i]?.orderedAt ?? null,
      };
      return [r._id.toHexString(), figures];
    }),
  );
}
