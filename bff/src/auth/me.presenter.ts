import type { Principal as PrincipalDto } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { customerPolicy } from '../policies/customer.js';
import { resellerPolicy } from '../policies/reseller.js';
import type { Principal } from '../tenancy/principal.js';
import { scopeFor } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/** The principal as the web app sees it, with the names of the tenants it belongs to. */
export async function presentMe(principal: Principal): Promise<PrincipalDto> {
  const scope = scopeFor(principal);
  const [distributor, reseller, customer] = await Promise.all([
    scoped(Distributor.findById(principal.distributorId, { name: 1 }), scope).lean(),
    principal.resellerId ? scoped(Reseller.findById(principal.resellerId, { name: 1 }), scope).lean() : null,
    principal.customerId ? scoped(Customer.findById(principal.customerId, { companyName: 1 }), scope).lean() : null,
  ]);
  return {
    userId: String(principal.userId),
    role: principal.role,
    email: principal.email,
    displayName: principal.displayName,
    distributorId: String(principal.distributorId),
    distributorName: distributor?.name ?? '',
    resellerId: principal.resellerId ? String(principal.resellerId) : null,
    resellerName: reseller?.name ?? null,
    customerId: principal.customerId ? String(principal.customerId) : null,
    customerName: customer?.companyName ?? null,
    abilities: {
      ...customerPolicy.abilities(principal, undefined, {
        listCustomers: 'customer.list',
        createCustomer: 'customer.create',
        exportCustomers: 'customer.export',
        openWorkspace: 'customer.openWorkspace',
      }),
      ...resellerPolicy.abilities(principal, undefined, { listResellers: 'reseller.list' }),
    },
  };
}
