import { definePolicy } from './policy.js';

/** What the rules about an import look at. */
export interface CustomerImportResource {
  state: string;
  /** While applying: until when its applier holds it (renewed batch by batch). */
  leaseUntil?: Date | null;
}

/** An import whose applying stopped (its process ended mid-way): its lease ran out unrenewed. */
export const interrupted = (i: CustomerImportResource, now = new Date()) => i.state === 'applying' && (!i.leaseUntil || i.leaseUntil < now);

/**
 * Imports of customers and their storefront users are the reseller's staff's: they upload, look
 * at the dry run and confirm it; an import is applied once, from its checked state, or taken up again where an applying
 * process stopped (its lease lapsed).
 */
export const customerImportPolicy = definePolicy<'customerImport.list' | 'customerImport.create' | 'customerImport.apply', CustomerImportResource>({
  'customerImport.list': { roles: ['reseller'] },
  'customerImport.create': { roles: ['reseller'] },
  'customerImport.apply': { roles: ['reseller'], when: (i) => i.state === 'checked' || interrupted(i) },
});
