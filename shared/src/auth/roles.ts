/** The three personas of the tenancy tree, top to bottom. */
export const ROLES = ['distributor', 'reseller', 'storefront'] as const;
export type Role = (typeof ROLES)[number];

/** Every state-changing request carries this header; see bff/src/http/csrf.ts for why. */
export const CSRF_HEADER = 'x-csrf-protection';
export const CSRF_HEADER_VALUE = '1';
