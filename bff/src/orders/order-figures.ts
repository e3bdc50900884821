import type { Types } from 'mongoose';
import type { OrderStatus } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { statusDelta, type FigureDelta, type FigureField, type FigureTarget } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';

/** The kept figure that counts the orders in each status. */
export const ORDER_STATUS_FIGURE: Record<OrderStatus, FigureField> = {
  pending_company_approval: 'pendingCompanyApproval',
  pending_approval: 'pendingApproval',
  in_progress: 'inProgress',
  executed: 'executed',
  canceled: 'canceled',
};

/** What an order placed in `to` (from null) or moved from one status to another adds to the counts. */
export const orderStatusDelta = (from: OrderStatus | null, to: OrderStatus): FigureDelta =>
  statusDelta((s) => ORDER_STATUS_FIGURE[s as OrderStatus], from, to);

/** An order's counts are kept for its customer (the storefront's home), its reseller and its distributor. */
export function orderFigureTargets(order: Record<string, unknown>): FigureTarget[] {
  return [
    { model: Customer, id: order.customerId as Types.ObjectId },
    { model: Reseller, id: order.resellerId as Types.ObjectId },
    { model: Distributor, id: order.distributorId as Types.ObjectId },
  ];
}
