import { definePolicy } from './policy.js';

/**
 * A reseller's storefront branding (accent colour, logo): its staff set it; its customers'
 * storefront users read it, the header wears it. There is no id to give: it is always the caller's
 * own reseller's, so another tenant's branding cannot be named.
 */
export const brandingPolicy = definePolicy<'branding.read' | 'branding.edit', undefined>({
  'branding.read': { roles: ['reseller', 'storefront'] },
  'branding.edit': { roles: ['reseller'] },
});
