import type { DeliveryRow } from '@app/shared';
import { deliveryPolicy } from '../policies/delivery.js';
import type { Principal } from '../tenancy/principal.js';
import type { DeliveryDoc } from './delivery.model.js';
import { deliveryHeadline } from './outgoing-message.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What staff see of a message: never its body (it may carry a sign-in link). */
export function presentDelivery(d: DeliveryDoc, principal: Principal): DeliveryRow {
  return {
    id: d._id.toHexString(),
    topic: d.topic,
    ...deliveryHeadline(d),
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError ?? null,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.state === 'waiting' ? iso(d.nextAttemptAt) : null,
    sentAt: iso(d.sentAt),
    failedAt: iso(d.failedAt),
    abilities: deliveryPolicy.abilities(principal, d, { sendAgain: 'delivery.sendAgain' }),
  };
}
