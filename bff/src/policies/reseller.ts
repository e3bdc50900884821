import { definePolicy } from './policy.js';

/** Who may see the resellers of a distributor (the reseller filter and column, the list). */
export const resellerPolicy = definePolicy<'reseller.list', undefined>({
  'reseller.list': { roles: ['distributor'] },
});
