/**
 * The first element of every feature's query keys. A feature builds its own keys from its root;
 * another feature that must refresh it (a storefront user change alters the customer's storefront
 * access) invalidates by root, without writing the other feature's key by hand.
 */
export const QUERY_ROOTS = {
  auth: 'auth',
  overview: 'overview',
  customers: 'customers',
  storefrontUsers: 'storefront-users',
  orders: 'orders',
  resellers: 'resellers',
  devMail: 'dev-mail',
  catalogue: 'catalogue',
  audit: 'audit',
  priceLevels: 'price-levels',
  profile: 'profile',
  webhooks: 'webhooks',
  customerNotes: 'customer-notes',
  customerImports: 'customer-imports',
  branding: 'branding',
  invoices: 'invoices',
} as const;
