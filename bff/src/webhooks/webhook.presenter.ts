import type { WebhookDelivery, WebhookEndpoint as WebhookEndpointRow } from '@app/shared';
import type { DeliveryDoc } from '../deliveries/delivery.model.js';
import { deliveryPolicy } from '../policies/delivery.js';
import { webhookEndpointPolicy } from '../policies/webhook-endpoint.js';
import type { Principal } from '../tenancy/principal.js';
import type { WebhookEndpointDoc } from './webhook-endpoint.model.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** An endpoint as staff see it: never its secret. */
export function presentEndpoint(e: WebhookEndpointDoc, principal: Principal, resellerNames: ReadonlyMap<string, string>): WebhookEndpointRow {
  return {
    id: e._id.toHexString(),
    url: e.url,
    description: e.description ?? '',
    events: e.events,
    state: e.state,
    // Named for the distributor, whose list holds several owners' endpoints; a reseller's are all its own.
    resellerName: e.resellerId && !principal.resellerId ? (resellerNames.get(e.resellerId.toHexString()) ?? null) : null,
    createdAt: e.createdAt.toISOString(),
    failingSince: iso(e.failingSince),
    pausedAt: iso(e.pausedAt),
    pausedReason: e.pausedReason ?? null,
    abilities: webhookEndpointPolicy.abilities(principal, e, { pause: 'webhook.pause', resume: 'webhook.resume', delete: 'webhook.delete' }),
  };
}

/** One line of an endpoint's log: the call's state and every attempt with the receiver's answer; never the body. */
export function presentWebhookDelivery(d: DeliveryDoc, principal: Principal): WebhookDelivery {
  const log = (d.attemptLog ?? []).map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), ok: a.ok, status: a.status ?? null, error: a.error ?? null, ms: Math.round(a.ms) }));
  return {
    id: d._id.toHexString(),
    event: d.webhook?.event ?? d.topic,
    state: d.state,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    nextAttemptAt: d.state === 'waiting' ? iso(d.nextAttemptAt) : null,
    sentAt: iso(d.sentAt),
    failedAt: iso(d.failedAt),
    lastError: d.lastError ?? null,
    lastStatus: log.at(-1)?.status ?? null,
    log,
    abilities: deliveryPolicy.abilities(principal, d, { sendAgain: 'delivery.sendAgain' }),
  };
}
