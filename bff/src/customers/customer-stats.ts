import { Types } from 'mongoose';
import type { CustomerStats } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { notFound } from '../errors/app-error.js';
import { approvalForcedBy } from '../policies/customer.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Customer } from './customer.model.js';
import { fromCents } from './customer.presenter.js';

/**
 * The statistics cards (rule 5), computed inside the caller's scope: all customers, transacting
 * customers (run rate > 0) and the run rate itself. A distributor may narrow to one reseller.
 */
export async function customerStats(principal: Principal, scope: Scope, resellerId?: string): Promise<CustomerStats> {
  const filter: Record<string, unknown> = {};
  const ownReseller = principal.resellerId ?? (resellerId ? new Types.ObjectId(resellerId) : null);
  if (resellerId) filter.resellerId = new Types.ObjectId(resellerId);

  const [reseller, currency, allCustomers, transactingCustomers, sums] = await Promise.all([
    ownReseller ? scoped(Reseller.findById(ownReseller, { paymentMethod: 1 }), scope).lean() : null,
    currencyOf(scope),
    scoped(Customer.countDocuments(filter), scope),
    scoped(Customer.countDocuments({ ...filter, monthlyRunRateCents: { $gt: 0 } }), scope),
    scoped(
      Customer.aggregate<{ total: number }>([
        { $match: { ...filter, monthlyRunRateCents: { $gt: 0 } } },
        { $group: { _id: null, total: { $sum: '$monthlyRunRateCents' } } },
      ]),
      scope,
    ),
  ]);
  if (ownReseller && !reseller) throw notFound('The reseller');
  return {
    allCustomers,
    transactingCustomers,
    monthlyRunRate: fromCents(sums[0]?.total ?? 0),
    currency,
    approvalRequiredForAll: approvalForcedBy(reseller?.paymentMethod),
    paymentMethod: reseller?.paymentMethod ?? null,
  };
}
