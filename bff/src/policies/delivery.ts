import type { DeliveryState } from '@app/shared';
import { definePolicy } from './policy.js';

/**
 * Outgoing messages, once the scope has limited them to the staff member's subtree (a message is
 * filed under its recipient's place): staff see them and may send a finally failed one again;
 * storefront users never. The queue's figures for operators are a distributor's staff's only.
 */
export const deliveryPolicy = definePolicy<'delivery.list' | 'delivery.sendAgain' | 'delivery.figures', { state: DeliveryState }>({
  'delivery.list': { roles: ['distributor', 'reseller'] },
  'delivery.sendAgain': { roles: ['distributor', 'reseller'], when: (d) => d.state === 'failed' },
  'delivery.figures': { roles: ['distributor'] },
});
