import type { Overview } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Principal } from '../tenancy/principal.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/** Home-page counts, each a scoped count, so every persona sees only its own subtree. */
export async function getOverview(principal: Principal, scope: Scope): Promise<Overview> {
  const isStaff = principal.role !== 'storefront';
  const [resellers, customers, activeCustomers, ordersPendingApproval, ordersInProgress, ordersTotal] =
    await Promise.all([
      principal.role === 'distributor' ? scoped(Reseller.countDocuments({}), scope) : null,
      isStaff ? scoped(Customer.countDocuments({}), scope) : null,
      isStaff ? scoped(Customer.countDocuments({ active: true }), scope) : null,
      scoped(Order.countDocuments({ status: 'pending_approval' }), scope),
      scoped(Order.countDocuments({ status: 'in_progress' }), scope),
      scoped(Order.countDocuments({}), scope),
    ]);
  return { resellers, customers, activeCustomers, ordersPendingApproval, ordersInProgress, ordersTotal };
}
