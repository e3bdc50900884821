import { IconBuildingStore, IconHome, IconUsers, type Icon } from '@tabler/icons-react';
import type { Role } from '@app/shared';

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
    { label: 'Home', to: '/distributor', icon: IconHome, end: true },
    { label: 'Customers', to: '/distributor/customers', icon: IconBuildingStore },
  ],
  reseller: [
    { label: 'Home', to: '/reseller', icon: IconHome, end: true },
    { label: 'My customers', to: '/reseller/customers', icon: IconUsers },
  ],
  storefront: [{ label: 'Home', to: '/storefront', icon: IconHome, end: true }],
};
