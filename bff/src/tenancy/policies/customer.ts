import type { Principal } from '../principal.js';

/**
 * What each role may do with customers, once the scope has already limited which customers it
 * can see. Distributors oversee (read-only); resellers manage their own; storefront users never
 * reach the customer admin.
 */
export const customerPolicy = {
  read: (p: Principal) => p.role === 'reseller' || p.role === 'distributor',
  edit: (p: Principal) => p.role === 'reseller',
  manage: (p: Principal) => p.role === 'reseller',
} as const;

export const CUSTOMER_READERS = ['reseller', 'distributor'] as const;
export const CUSTOMER_EDITORS = ['reseller'] as const;
