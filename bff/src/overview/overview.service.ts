import type { Model } from 'mongoose';
import type { Overview } from '@app/shared';
import { fromCents } from '../customers/customer.presenter.js';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { figuresOf, type KeptFigures } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

type Bucket<K> = { _id: K; n: number };

/** The kept figures of the scope's own level: its customer, its reseller or its distributor (one key lookup). */
async function keptFiguresOf(scope: Scope): Promise<KeptFigures> {
  const [model, id] = scope.customerId
    ? ([Customer, scope.customerId] as const)
    : scope.resellerId
      ? ([Reseller, scope.resellerId] as const)
      : ([Distributor, scope.distributorId] as const);
  return figuresOf(await scoped((model as Model<any>).findById(id, { keptFigures: 1 }), scope).lean()); // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Home-page counts, each inside the persona's own subtree, from the figures kept as the
 * application writes (figures/kept-figures.ts): the same few key lookups for a tenant of 100
 * orders or of a million. Only the distributor's resellers are counted here (tens, not millions).
 */
export async function getOverview(principal: Principal, scope: Scope): Promise<Overview> {
  const isStaff = principal.role !== 'storefront';
  const [resellersByStatus, figures, distributor] = await Promise.all([
    principal.role === 'distributor' ? scoped(Reseller.aggregate<Bucket<string | null>>([{ $group: { _id: '$status', n: { $sum: 1 } } }]), scope) : null,
    keptFiguresOf(scope),
    scoped(Distributor.findById(scope.distributorId, { currency: 1 }), scope).lean(),
  ]);
  const total = (buckets: Bucket<unknown>[]) => buckets.reduce((s, b) => s + b.n, 0);
  return {
    resellers: resellersByStatus ? total(resellersByStatus) : null,
    suspendedResellers: resellersByStatus ? (resellersByStatus.find((b) => b._id === 'suspended')?.n ?? 0) : null,
    customers: isStaff ? figures.customers : null,
    activeCustomers: isStaff ? figures.activeCustomers : null,
    monthlyRunRate: isStaff ? fromCents(figures.runRateCents) : null,
    currency: distributor?.currency ?? 'EUR',
    ordersPendingApproval: figures.pendingApproval,
    ordersPendingCompanyApproval: figures.pendingCompanyApproval,
    ordersInProgress: figures.inProgress,
    ordersTotal: figures.pendingCompanyApproval + figures.pendingApproval + figures.inProgress + figures.executed + figures.canceled,
  };
}
