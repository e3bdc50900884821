export * from './auth/roles.js';
export * from './errors/codes.js';
export * from './schemas/common.js';
export * from './schemas/auth.js';
export * from './schemas/health.js';
export * from './schemas/overview.js';
export * from './schemas/customers.js';
export * from './schemas/resellers.js';
