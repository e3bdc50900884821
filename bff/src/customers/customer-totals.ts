import type { Model, Types } from 'mongoose';
import { Distributor } from '../distributors/distributor.model.js';
import { figuresOf } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The total of a customers view from the figures kept as customers are written
 * (customer-figures.ts), when the view is one they hold: every customer of the scope or of one
 * reseller, all or only the active or inactive ones. One key lookup for 100 customers or 100k;
 * any other view answers null and is counted.
 */
export async function keptCustomerTotal(filter: Record<string, unknown>, scope: Scope): Promise<number | null> {
  if (scope.customerId || Object.keys(filter).some((k) => k !== 'resellerId' && k !== 'active')) return null;
  const named = filter.resellerId as Types.ObjectId | undefined;
  if (named && scope.resellerId && !scope.resellerId.equals(named)) return null;
  const resellerId = named ?? scope.resellerId;
  const [model, id]: [AnyModel, Types.ObjectId] = resellerId ? [Reseller, resellerId] : [Distributor, scope.distributorId];
  const figures = figuresOf(await scoped(model.findById(id, { keptFigures: 1 }), scope).lean());
  if (filter.active === undefined) return figures.customers;
  return filter.active === true ? figures.activeCustomers : figures.customers - figures.activeCustomers;
}
