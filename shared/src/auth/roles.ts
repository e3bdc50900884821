/** The three personas of the tenancy tree, top to bottom. */
export const ROLES = ['distributor', 'reseller', 'storefront'] as const;
export type Role = (typeof ROLES)[number];
