import { webhookEndpointPolicy } from '../policies/webhook-endpoint.js';
import type { Principal as PrincipalDto } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { customerImportPolicy } from '../policies/customer-import.js';
import { customerPolicy } from '../policies/customer.js';
import { auditEventPolicy } from '../policies/audit-event.js';
import { brandingPolicy } from '../policies/branding.js';
import { creditSettingsPolicy } from '../policies/credit-settings.js';
import { orderPolicy } from '../policies/order.js';
import { invoicePolicy } from '../policies/invoice.js';
import { User } from '../users/user.model.js';
import { resellerPolicy } from '../policies/reseller.js';
import { staffUserPolicy } from '../policies/staff-user.js';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import type { Principal } from '../tenancy/principal.js';
import { scopeFor } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/** The principal as the web app sees it, with the names of the tenants it belongs to. */
export async function presentMe(principal: Principal): Promise<PrincipalDto> {
  const scope = scopeFor(principal);
  const [distributor, reseller, customer, user] = await Promise.all([
    scoped(Distributor.findById(principal.distributorId, { name: 1 }), scope).lean(),
    principal.resellerId ? scoped(Reseller.findById(principal.resellerId, { name: 1 }), scope).lean() : null,
    principal.customerId ? scoped(Customer.findById(principal.customerId, { companyName: 1 }), scope).lean() : null,
    scoped(User.findById(principal.userId, { language: 1, dateFormat: 1 }), scope).lean(),
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
    preferences: { language: user?.language ?? 'en', dateFormat: user?.dateFormat ?? 'DD/MM/YYYY' },
    abilities: {
      ...customerPolicy.abilities(principal, undefined, {
        listCustomers: 'customer.list',
        createCustomer: 'customer.create',
        exportCustomers: 'customer.export',
        bulkEditCustomers: 'customer.bulkEdit',
        openWorkspace: 'customer.openWorkspace',
      }),
      ...resellerPolicy.abilities(principal, undefined, { listResellers: 'reseller.list', createReseller: 'reseller.create' }),
      importCustomers: customerImportPolicy.can(principal, 'customerImport.create'),
      placeOrders: orderPolicy.can(principal, 'order.place'),
      browseOrders: orderPolicy.can(principal, 'order.browse'),
      exportOrders: orderPolicy.can(principal, 'order.export'),
      // Roles that decide orders in some state (the state is the order's to say).
      approveOrders: orderPolicy.admits(principal, 'order.accept'),
      finishOrders: orderPolicy.admits(principal, 'order.markExecuted'),
      viewAuditLog: auditEventPolicy.can(principal, 'auditEvent.list'),
      listResellerStaff: staffUserPolicy.can(principal, 'staffUser.list'),
      manageWebhooks: webhookEndpointPolicy.can(principal, 'webhook.list'),
      manageCompanyUsers: principal.role === 'storefront' && storefrontUserPolicy.can(principal, 'storefrontUser.list'),
      manageBranding: brandingPolicy.can(principal, 'branding.edit'),
      manageCreditSettings: creditSettingsPolicy.can(principal, 'creditSettings.edit'),
      viewInvoices: invoicePolicy.can(principal, 'invoice.list'),
      exportInvoices: invoicePolicy.can(principal, 'invoice.export'),
    },
    companyRole: principal.companyRole,
    viewingAs: principal.viewedBy
      ? {
          customerId: String(principal.customerId),
          customerName: customer?.companyName ?? '',
          userName: principal.displayName,
          staffName: principal.viewedBy.staff.displayName,
          expiresAt: principal.viewedBy.expiresAt.toISOString(),
        }
      : null,
  };
}
