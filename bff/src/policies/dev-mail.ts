import { definePolicy } from './policy.js';

/** The development mailbox: staff read the mail of their own subtree; storefront users none. */
export const devMailPolicy = definePolicy<'devMail.read', undefined>({
  'devMail.read': { roles: ['distributor', 'reseller'] },
});
