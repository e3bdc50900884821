import { definePolicy } from './policy.js';

export interface WebhookEndpointResource {
  state: 'active' | 'paused';
}

/**
 * Webhook endpoints, once the scope has limited them to the staff member's subtree: a reseller's
 * staff register and manage their reseller's; a distributor's staff their own, and see and pause
 * (or resume) their resellers' too. Storefront users never. Pause needs an active endpoint,
 * resume a paused one.
 */
export const webhookEndpointPolicy = definePolicy<
  'webhook.list' | 'webhook.create' | 'webhook.pause' | 'webhook.resume' | 'webhook.delete' | 'webhook.deliveries',
  WebhookEndpointResource
>({
  'webhook.list': { roles: ['distributor', 'reseller'] },
  'webhook.create': { roles: ['distributor', 'reseller'] },
  'webhook.pause': { roles: ['distributor', 'reseller'], when: (e) => e.state === 'active' },
  'webhook.resume': { roles: ['distributor', 'reseller'], when: (e) => e.state === 'paused' },
  'webhook.delete': { roles: ['distributor', 'reseller'] },
  'webhook.deliveries': { roles: ['distributor', 'reseller'] },
});
