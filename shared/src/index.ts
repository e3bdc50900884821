// Must stay first: configures zod before the schemas below are built.
import './zod-setup.js';
export * from './auth/roles.js';
export * from './http/csrf.js';
export * from './errors/codes.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/passwords.js';
export * from './schemas/health.js';
export * from './schemas/overview.js';
export * from './schemas/customers.js';
export * from './schemas/resellers.js';
export * from './schemas/sso.js';
export * from './schemas/storefront-users.js';
export * from './schemas/dev-mail.js';
export * from './http/link-paths.js';
export * from './schemas/orders.js';
export * from './schemas/audit.js';
export * from './schemas/exports.js';
