import { Types } from 'mongoose';
import type { CustomerStats } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { Distributor } from '../distributors/distributor.model.js';
import { figuresOf } from '../figures/kept-figures.js';
import { notFound } from '../errors/app-error.js';
import { approvalForcedBy } from '../policies/customer.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { fromCents } from './customer.presenter.js';

/**
 * The statistics cards (rule 5) inside the caller's scope: all customers, transacting customers
 * (run rate > 0) and the run rate itself, from the figures kept as the application writes
 * (figures/kept-figures.ts) on the reseller or the distributor: a key lookup whatever the number
 * of customers. A distributor may narrow to one reseller.
 */
export async function customerStats(principal: Principal, scope: Scope, resellerId?: string): Promise<CustomerStats> {
  const ownReseller = principal.resellerId ?? (resellerId ? new Types.ObjectId(resellerId) : null);
  const [reseller, currency, distributor] = await Promise.all([
    ownReseller ? scoped(Reseller.findById(ownReseller, { paymentMethod: 1, keptFigures: 1 }), scope).lean() : null,
    currencyOf(scope),
    ownReseller ? null : scoped(Distributor.findById(scope.distributorId, { keptFigures: 1 }), scope).lean(),
  ]);
  if (ownReseller && !reseller) throw notFound('The reseller');
  const figures = figuresOf(reseller ?? distributor);
  return {
    allCustomers: figures.customers,
    transactingCustomers: figures.transactingCustomers,
    monthlyRunRate: fromCents(figures.runRateCents),
    currency,
    approvalRequiredForAll: approvalForcedBy(reseller?.paymentMethod),
    paymentMethod: reseller?.paymentMethod ?? null,
  };
}
