/** Pages that emailed links open: the BFF writes them into emails, the web app routes them. */
export const LINK_PAGES = { activation: '/activate', reset: '/reset-password' } as const;
export type LinkPurpose = keyof typeof LINK_PAGES;

/** An order's page in an area of the web app: emailed order notifications link here. */
export const orderPagePath = (area: 'reseller' | 'distributor' | 'storefront', orderId: string) => `/${area}/orders/${orderId}`;

/** The webhooks page of a staff area: the email telling an endpoint's owner it was paused links here. */
export const webhooksPagePath = (area: 'reseller' | 'distributor') => `/${area}/settings/webhooks`;

/** The Invoices page of an area: the email announcing an issued invoice or credit note links here. */
export const invoicesPagePath = (area: 'reseller' | 'distributor' | 'storefront') => `/${area}/invoices`;
