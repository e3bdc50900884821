import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENT_VERSION } from '@app/shared';
import { demoId } from './demo-ids.js';

/*
 * The demo's webhook endpoints, with a delivery log to look at: Cardinal IT's billing system,
 * active, whose log shows a call delivered at once, one delivered after a 503 and a timeout, and
 * one that finally failed (to send again); and Northwind's PSA, paused after 24 h of failures.
 * Their hosts do not resolve: a new event's call to Cardinal fails and is retried, as it would.
 */

const HOUR = 3_600_000;

interface Attempt {
  status: number | null;
  error: string | null;
  minutesAfter: number;
}

function delivery(o: { key: string; endpointKey: string; url: string; event: string; distributorKey: string; resellerKey: string | null; at: Date; attempts: Attempt[]; state: 'sent' | 'failed' }) {
  const id = demoId(`webhook-delivery:${o.key}`);
  const log = o.attempts.map((a, i) => ({ attempt: i + 1, at: new Date(o.at.getTime() + a.minutesAfter * 60_000), ok: a.status !== null && a.status < 300, status: a.status, error: a.error, ms: a.status === null ? 10_000 : 180 }));
  const last = log.at(-1)!;
  const body = JSON.stringify({ id: demoId(`webhook-event:${o.key}`).toHexString(), type: o.event, version: WEBHOOK_EVENT_VERSION, occurredAt: o.at.toISOString(), data: {} });
  return {
    _id: id,
    distributorId: demoId(`distributor:${o.distributorKey}`),
    resellerId: o.resellerKey ? demoId(`reseller:${o.resellerKey}`) : null,
    customerId: null,
    topic: `webhook.${o.event}`,
    recipientUserId: null,
    channel: 'webhook',
    mail: null,
    webhook: { endpointId: demoId(`webhook:${o.endpointKey}`), url: o.url, event: o.event, body },
    sensitive: false,
    state: o.state,
    attempts: log.length,
    nextAttemptAt: last.at,
    leaseOwner: null,
    leaseUntil: null,
    lastError: o.state === 'sent' ? null : last.error,
    createdAt: o.at,
    giveUpAt: new Date(o.at.getTime() + 24 * HOUR),
    sentAt: o.state === 'sent' ? last.at : null,
    failedAt: o.state === 'failed' ? last.at : null,
    attemptLog: log,
  };
}

export function buildDemoWebhooks(now: Date) {
  const cardinal = 'https://billing.cardinal-it.example/hooks/storefront';
  const northwind = 'https://psa.northwind-distribution.example/storefront-events';
  const day = (d: number) => new Date(now.getTime() - d * 24 * HOUR);
  const endpoints = [
    {
      _id: demoId('webhook:cardinal-billing'), distributorId: demoId('distributor:northwind'), resellerId: demoId('reseller:card'), url: cardinal,
      description: 'Billing (orders into invoices)', events: ['order.placed', 'order.accepted', 'order.canceled', 'order.executed', 'customer.created', 'customer.changed'],
      secret: 'whsec_demo_cardinal_billing_not_a_real_secret', state: 'active', failingSince: null, pausedAt: null, pausedReason: null, createdAt: day(20), createdByUserId: null,
    },
    {
      _id: demoId('webhook:northwind-psa'), distributorId: demoId('distributor:northwind'), resellerId: null, url: northwind,
      description: 'PSA: every reseller’s orders and customers', events: [...WEBHOOK_EVENT_TYPES],
      secret: 'whsec_demo_northwind_psa_not_a_real_secret', state: 'paused', failingSince: day(4), pausedAt: day(3), pausedReason: 'Every delivery failed for 24 hours', createdAt: day(30), createdByUserId: null,
    },
  ];
  const ok = (minutesAfter = 0): Attempt => ({ status: 200, error: null, minutesAfter });
  const card = { endpointKey: 'cardinal-billing', url: cardinal, distributorKey: 'northwind', resellerKey: 'card' };
  const psa = { endpointKey: 'northwind-psa', url: northwind, distributorKey: 'northwind', resellerKey: null };
  const deliveries = [
    delivery({ ...card, key: 'cardinal-1', event: 'order.placed', at: day(2), state: 'sent', attempts: [ok()] }),
    delivery({
      ...card, key: 'cardinal-2', event: 'order.executed', at: day(1.5), state: 'sent',
      attempts: [{ status: 503, error: 'The receiver answered HTTP 503', minutesAfter: 0 }, { status: null, error: 'No answer within 10 s', minutesAfter: 0.5 }, ok(1.5)],
    }),
    delivery({
      ...card, key: 'cardinal-3', event: 'customer.changed', at: day(1.2), state: 'failed',
      attempts: [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5, 123.5].map((m) => ({ status: 500, error: 'The receiver answered HTTP 500', minutesAfter: m })),
    }),
    delivery({ ...card, key: 'cardinal-4', event: 'customer.created', at: day(0.5), state: 'sent', attempts: [ok()] }),
    delivery({
      ...psa, key: 'psa-1', event: 'order.placed', at: day(4), state: 'failed',
      attempts: [0, 0.5, 1.5, 3.5].map((m) => ({ status: null, error: 'getaddrinfo ENOTFOUND psa.northwind-distribution.example', minutesAfter: m })),
    }),
  ];
  return { endpoints, deliveries };
}
