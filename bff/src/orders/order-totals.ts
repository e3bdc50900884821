import type { Model, Types } from 'mongoose';
import { ORDER_STATUSES, type OrderStatus } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { figuresOf } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { ORDER_STATUS_FIGURE } from './order-figures.js';

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The total of an orders view from the figures kept as orders are written (order-figures.ts), when
 * the view is one they hold: every order of the scope, of one customer or of one reseller, in one
 * status or in all. One key lookup for 100 orders or a million; any other view (a search, dates,
 * who placed it) answers null and is counted. A customer or reseller outside the scope reads as
 * nothing, as its count would.
 */
export async function keptOrderTotal(filter: Record<string, unknown>, scope: Scope): Promise<number | null> {
  const keys = Object.keys(filter);
  if (keys.some((k) => k !== 'status' && k !== 'customerId' && k !== 'resellerId')) return null;
  const named = filter.resellerId as Types.ObjectId | undefined;
  // A reseller named beside a customer (or inside a reseller's or customer's own scope): counted,
  // the pair may not match.
  if (named && (filter.customerId || scope.customerId || (scope.resellerId && !scope.resellerId.equals(named)))) return null;
  const customerId = (filter.customerId as Types.ObjectId | undefined) ?? scope.customerId;
  const resellerId = named ?? scope.resellerId;
  const [model, id]: [AnyModel, Types.ObjectId] = customerId ? [Customer, customerId] : resellerId ? [Reseller, resellerId] : [Distributor, scope.distributorId];
  const figures = figuresOf(await scoped(model.findById(id, { keptFigures: 1 }), scope).lean());
  const statuses: readonly OrderStatus[] = filter.status ? [filter.status as OrderStatus] : ORDER_STATUSES;
  return statuses.reduce<number>((sum, s) => sum + figures[ORDER_STATUS_FIGURE[s]], 0);
}
