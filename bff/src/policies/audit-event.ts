import { definePolicy } from './policy.js';

/**
 * Who may read the audit log, once the scope has limited it to their subtree: staff only (a
 * distributor sees its whole tree, a reseller its own customers); storefront users never.
 */
export const auditEventPolicy = definePolicy<'auditEvent.list', undefined>({
  'auditEvent.list': { roles: ['distributor', 'reseller'] },
});
