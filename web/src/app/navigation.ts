import { IconBuildingStore, IconHome, IconShoppingBag, IconUsers, type Icon } from '@tabler/icons-react';
import type { Principal, Role } from '@app/shared';
import { paths } from '@/lib/paths';

export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
  /** Highlight only on an exact match (home pages). */
  end?: boolean;
}

/** Each persona's navigation; features add their pages here as they land. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  distributor: [
    { label: 'Home', to: paths.area('distributor'), icon: IconHome, end: true },
    { label: 'Customers', to: paths.customers('distributor'), icon: IconBuildingStore },
  ],
  reseller: [
    { label: 'Home', to: paths.area('reseller'), icon: IconHome, end: true },
    { label: 'My customers', to: paths.customers('reseller'), icon: IconUsers },
  ],
  storefront: [
    { label: 'Home', to: paths.area('storefront'), icon: IconHome, end: true },
    { label: 'Catalogue', to: paths.storefrontCatalogue, icon: IconShoppingBag },
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
