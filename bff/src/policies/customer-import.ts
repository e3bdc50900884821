import { definePolicy } from './policy.js';

/** What the rules about an import look at. */
export interface CustomerImportResource {
  state: string;
}

/**
 * Imports of customers and their storefront users are the reseller's staff's: they upload, look
 * at the dry run and confirm it; an import is applied once, from its checked state only.
 */
export const customerImportPolicy = definePolicy<'customerImport.list' | 'customerImport.create' | 'customerImport.apply', CustomerImportResource>({
  'customerImport.list': { roles: ['reseller'] },
  'customerImport.create': { roles: ['reseller'] },
  'customerImport.apply': { roles: ['reseller'], when: (i) => i.state === 'checked' },
});
