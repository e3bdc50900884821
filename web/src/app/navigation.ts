import { IconBrush, IconBuildingStore, IconCreditCard, IconFileInvoice, IconBuildingWarehouse, IconChecklist, IconHistory, IconHome, IconReceipt, IconShoppingBag, IconTags, IconTruckDelivery, IconUsers, IconWebhook, type Icon } from '@tabler/icons-react';
import type { MessageKey } from '@/lib/i18n';
import type { Overview, Principal, Role } from '@app/shared';
import { paths } from '@/lib/paths';

export interface NavItem {
  /** English, and the item's id (tests find the count badge by it). */
  label: string;
  /** The translated label, for the areas that speak the user's language (the storefront). */
  labelKey?: MessageKey<'common'>;
  to: string;
  icon: Icon;
  /** Highlight only on an exact match (home pages). */
  end?: boolean;
  /** A count shown beside the label (kept fresh from the overview), e.g. orders waiting. */
  count?: (o: Overview) => number;
  /** Shown only to a principal with this ability (the server decides it from a policy). */
  ability?: keyof Principal['abilities'];
}

/** Each persona's navigation; features add their pages here as they land. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  distributor: [
    { label: 'Home', to: paths.area('distributor'), icon: IconHome, end: true },
    { label: 'Resellers', to: paths.resellers('distributor'), icon: IconBuildingWarehouse },
    { label: 'Customers', to: paths.customers('distributor'), icon: IconBuildingStore },
    { label: 'Orders in progress', to: paths.ordersInProgress('distributor'), icon: IconTruckDelivery, count: (o) => o.ordersInProgress },
    { label: 'Invoices', to: paths.invoices('distributor'), icon: IconFileInvoice, ability: 'viewInvoices' },
    { label: 'Audit log', to: paths.auditLog('distributor'), icon: IconHistory, ability: 'viewAuditLog' },
    { label: 'Webhooks', to: paths.webhooks('distributor'), icon: IconWebhook, ability: 'manageWebhooks' },
  ],
  reseller: [
    { label: 'Home', to: paths.area('reseller'), icon: IconHome, end: true },
    { label: 'My customers', to: paths.customers('reseller'), icon: IconUsers },
    { label: 'Orders', to: paths.orders('reseller'), icon: IconReceipt, ability: 'browseOrders' },
    { label: 'Approvals', to: paths.approvals('reseller'), icon: IconChecklist, count: (o) => o.ordersPendingApproval },
    { label: 'Invoices', to: paths.invoices('reseller'), icon: IconFileInvoice, ability: 'viewInvoices' },
    { label: 'Price levels', to: paths.priceLevels('reseller'), icon: IconTags },
    { label: 'Audit log', to: paths.auditLog('reseller'), icon: IconHistory, ability: 'viewAuditLog' },
    { label: 'Webhooks', to: paths.webhooks('reseller'), icon: IconWebhook, ability: 'manageWebhooks' },
    { label: 'Storefront branding', to: paths.branding('reseller'), icon: IconBrush, ability: 'manageBranding' },
    { label: 'Credit settings', to: paths.creditSettings('reseller'), icon: IconCreditCard, ability: 'manageCreditSettings' },
  ],
  storefront: [
    { label: 'Home', labelKey: 'nav.home', to: paths.area('storefront'), icon: IconHome, end: true },
    { label: 'Catalogue', labelKey: 'nav.catalogue', to: paths.storefrontCatalogue, icon: IconShoppingBag },
    { label: 'My orders', labelKey: 'nav.myOrders', to: paths.orders('storefront'), icon: IconReceipt },
    { label: 'Approvals', labelKey: 'nav.approvals', to: paths.approvals('storefront'), icon: IconChecklist, ability: 'approveOrders', count: (o) => o.ordersPendingCompanyApproval },
    { label: 'Invoices', labelKey: 'nav.invoices', to: paths.invoices('storefront'), icon: IconFileInvoice, ability: 'viewInvoices' },
    { label: 'Company users', labelKey: 'nav.companyUsers', to: paths.companyUsers('storefront'), icon: IconUsers, ability: 'manageCompanyUsers' },
  ],
};

/** How each persona's area names itself: page titles, the header's tenant, the home page's place. */
export const AREAS: Record<Role, { label: string; tenant: (p: Principal) => string | null; place: (p: Principal) => string; customersLink?: string }> = {
  distributor: {
    label: 'Distributor',
    tenant: (p) => p.distributorName,
    place: (p) => `Distributor · ${p.distributorName}`,
    customersLink: 'Open customers',
  },
  reseller: {
    label: 'Reseller',
    tenant: (p) => p.resellerName,
    place: (p) => `Reseller · ${p.resellerName} · distributor ${p.distributorName}`,
    customersLink: 'Open my customers',
  },
  storefront: {
    label: 'Storefront',
    tenant: (p) => p.customerName,
    place: (p) => `Storefront · ${p.customerName} · buying from ${p.resellerName}`,
  },
};
