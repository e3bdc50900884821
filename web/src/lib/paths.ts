import { invoicesPagePath, LINK_PAGES, orderPagePath, webhooksPagePath, type Role } from '@app/shared';

/** The segments under an area; the router declares them and the links below build on them. */
export const AREA_SEGMENTS = {
  customers: 'customers',
  customer: 'customers/:customerId',
  orders: 'orders',
  order: 'orders/:orderId',
  approvals: 'approvals',
  ordersInProgress: 'orders-in-progress',
  catalogue: 'catalogue',
  auditLog: 'audit-log',
  resellers: 'resellers',
  reseller: 'resellers/:resellerId',
  priceLevels: 'price-levels',
  profile: 'profile',
  webhooks: 'settings/webhooks',
  companyUsers: 'company-users',
  customerImports: 'customer-imports',
  customerImport: 'customer-imports/:importId',
  branding: 'settings/storefront',
  creditSettings: 'settings/credit',
  invoices: 'invoices',
} as const;

/**
 * Every page path of the web app, in one place: the router mounts these, and every link and
 * redirect builds from them. An area is the part of the app one persona works in (`/reseller/…`).
 */
/**
 * The resellers grid's view in its URL (`?q=…&status=suspended&payment=credit_card&waiting=1&sort=-name`):
 * here, not in the feature, because the home page links to filtered views without loading the grid.
 */
export const RESELLER_VIEW_PARAMS = { search: 'q', sort: 'sort', status: 'status', paymentMethod: 'payment', waiting: 'waiting' } as const;

/**
 * The reseller's Orders view in its URL (`?status=in_progress&customer=…&by=customer&from=2026-01-01&to=…&q=…&sort=…`):
 * here, not in the feature, because the home page links to filtered views without loading the grid.
 */
export const ORDER_VIEW_PARAMS = { search: 'q', status: 'status', customer: 'customer', placedBy: 'by', from: 'from', to: 'to', sort: 'sort' } as const;
export type OrderViewParam = keyof typeof ORDER_VIEW_PARAMS;

function withQuery(path: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  return qs ? `${path}?${qs}` : path;
}

export const paths = {
  root: '/',
  signIn: '/sign-in',
  forgotPassword: '/forgot-password',
  /** The same form, worded for someone whose activation link no longer works. */
  newActivationLink: '/forgot-password?for=activation',
  activate: LINK_PAGES.activation,
  resetPassword: LINK_PAGES.reset,
  devMail: '/dev/mail',
  area: (area: Role) => `/${area}`,
  customers: (area: Role) => `/${area}/${AREA_SEGMENTS.customers}`,
  customer: (area: Role, id: string) => `/${area}/${AREA_SEGMENTS.customers}/${id}`,
  /** The persona's orders list (the reseller's Orders, the buyer's My orders), optionally opened on a view. */
  orders: (area: Role, view: Partial<Record<OrderViewParam, string>> = {}) =>
    withQuery(`/${area}/${AREA_SEGMENTS.orders}`, Object.fromEntries(Object.entries(view).map(([k, v]) => [ORDER_VIEW_PARAMS[k as OrderViewParam], v ?? '']))),
  order: (area: Role, id: string) => orderPagePath(area, id),
  approvals: (area: Role) => `/${area}/${AREA_SEGMENTS.approvals}`,
  /** Storefront · Company users: a company's admin manages its users' roles and limits. */
  companyUsers: (area: Role) => `/${area}/${AREA_SEGMENTS.companyUsers}`,
  ordersInProgress: (area: Role) => `/${area}/${AREA_SEGMENTS.ordersInProgress}`,
  /** The audit log, optionally opened on a filter (`{ customer: id }`: the URL parameters the page reads). */
  /** The signed-in person's own profile (every area has one). */
  profile: (area: Role) => `/${area}/${AREA_SEGMENTS.profile}`,
  auditLog: (area: Role, filters: Record<string, string> = {}) => withQuery(`/${area}/${AREA_SEGMENTS.auditLog}`, filters),
  resellers: (area: Role, query = '') => `/${area}/${AREA_SEGMENTS.resellers}${query}`,
  reseller: (area: Role, id: string) => `/${area}/${AREA_SEGMENTS.resellers}/${id}`,
  priceLevels: (area: Role) => `/${area}/${AREA_SEGMENTS.priceLevels}`,
  customerImports: (area: Role) => `/${area}/${AREA_SEGMENTS.customerImports}`,
  customerImport: (area: Role, id: string) => `/${area}/${AREA_SEGMENTS.customerImports}/${id}`,
  /** Invoices: staff's across their customers; a storefront company's own. */
  invoices: (area: Role) => invoicesPagePath(area),
  webhooks: (area: 'reseller' | 'distributor') => webhooksPagePath(area),
  /** Reseller · Storefront branding: the accent colour and logo its customers' storefront wears. */
  branding: (area: Role) => `/${area}/${AREA_SEGMENTS.branding}`,
  /** Reseller · Credit settings: after how many overdue days the customers' orders wait for approval. */
  creditSettings: (area: Role) => `/${area}/${AREA_SEGMENTS.creditSettings}`,
  storefrontCatalogue: `/storefront/${AREA_SEGMENTS.catalogue}`,
  storefrontOrders: `/storefront/${AREA_SEGMENTS.orders}`,
  storefrontOrder: (id: string) => orderPagePath('storefront', id),
} as const;

/** Why the sign-in page was opened; it words its notice from this. */
export type SignInReason = 'signed-out' | 'expired' | 'password-set';

export function signInPath(params: { reason?: SignInReason; next?: string; email?: string } = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const qs = query.toString();
  return qs ? `${paths.signIn}?${qs}` : paths.signIn;
}
