import { definePolicy } from './policy.js';

/** The distributor's catalogue at the caller's prices: for those who place orders. */
export const cataloguePolicy = definePolicy<'catalogue.browse', undefined>({
  'catalogue.browse': { roles: ['reseller', 'storefront'] },
});
