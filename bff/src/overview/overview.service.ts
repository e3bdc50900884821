import type { Overview } from '@app/shared';
import { fromCents } from '../customers/customer.presenter.js';
import { Customer } from '../customers/customer.model.js';
import { currencyOf } from '../distributors/currency.js';
import { Order } from '../orders/order.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

type Bucket<K> = { _id: K; n: number };

/**
 * Home-page counts, each a scoped query, so every persona sees only its own subtree. One grouped
 * pass per collection rather than a count per figure: FerretDB reads a collection once per query.
 */
export async function getOverview(principal: Principal, scope: Scope): Promise<Overview> {
  const isStaff = principal.role !== 'storefront';
  const [resellersByStatus, customersByActive, runRate, ordersByStatus, currency] = await Promise.all([
    principal.role === 'distributor' ? scoped(Reseller.aggregate<Bucket<string | null>>([{ $group: { _id: '$status', n: { $sum: 1 } } }]), scope) : null,
    isStaff ? scoped(Customer.aggregate<Bucket<boolean>>([{ $group: { _id: '$active', n: { $sum: 1 } } }]), scope) : null,
    // Its own $group: FerretDB 1.24 answers 0 for a field's $sum beside another accumulator.
    isStaff
      ? scoped(Customer.aggregate<{ cents: number }>([{ $match: { monthlyRunRateCents: { $gt: 0 } } }, { $group: { _id: null, cents: { $sum: '$monthlyRunRateCents' } } }]), scope)
      : null,
    scoped(Order.aggregate<Bucket<string>>([{ $group: { _id: '$status', n: { $sum: 1 } } }]), scope),
    currencyOf(scope),
  ]);
  const count = <K>(buckets: Bucket<K>[], key: K) => buckets.find((b) => b._id === key)?.n ?? 0;
  const total = (buckets: Bucket<unknown>[]) => buckets.reduce((s, b) => s + b.n, 0);
  return {
    resellers: resellersByStatus ? total(resellersByStatus) : null,
    suspendedResellers: resellersByStatus ? count(resellersByStatus, 'suspended') : null,
    customers: customersByActive ? total(customersByActive) : null,
    activeCustomers: customersByActive ? count(customersByActive, true) : null,
    monthlyRunRate: runRate ? fromCents(runRate[0]?.cents ?? 0) : null,
    currency,
    ordersPendingApproval: count(ordersByStatus, 'pending_approval'),
    ordersInProgress: count(ordersByStatus, 'in_progress'),
    ordersTotal: total(ordersByStatus),
  };
}
