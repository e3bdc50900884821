import { z } from 'zod';
import { objectIdSchema } from './common.js';
import { deliveryStateSchema } from './deliveries.js';
import { orderStatusSchema } from './orders.js';

/*
 * Webhooks: endpoints a reseller's or distributor's staff register to have their other systems
 * (billing, PSA, CRM) told of orders and customers in their subtree; and the events sent to them.
 */

export const WEBHOOK_EVENT_TYPES = [
  'order.placed',
  'order.waiting',
  'order.accepted',
  'order.canceled',
  'order.executed',
  'customer.created',
  'customer.changed',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: 'WebhookEventType' });
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

export const WEBHOOK_EVENT_LABEL: Record<WebhookEventType, string> = {
  'order.placed': 'Order placed',
  'order.waiting': 'Order waiting for approval',
  'order.accepted': 'Order accepted',
  'order.canceled': 'Order canceled',
  'order.executed': 'Order executed',
  'customer.created': 'Customer created',
  'customer.changed': 'Customer changed',
};

/**
 * How a delivery is signed (README, "Webhooks"): `Webhook-Signature: v1=<hex HMAC-SHA256 of
 * "<Webhook-Timestamp>.<body>" under the endpoint's secret>`; receivers refuse a timestamp
 * further than the replay window from their clock.
 */
export const WEBHOOK_HEADERS = { id: 'Webhook-Id', timestamp: 'Webhook-Timestamp', signature: 'Webhook-Signature', event: 'Webhook-Event' } as const;
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;
/** The shape of every event's body; a change that is not backwards compatible gets a new version. */
export const WEBHOOK_EVENT_VERSION = 1;

export const webhookOrderSchema = z
  .object({
    id: objectIdSchema,
    number: z.string(),
    status: orderStatusSchema,
    resellerId: objectIdSchema,
    customerId: objectIdSchema,
    customerName: z.string(),
    currency: z.string(),
    totalAmountCents: z.number().int(),
    monthlyAmountCents: z.number().int(),
    orderedAt: z.iso.datetime(),
    /** The note of the decision that caused the event (accepted, canceled), if any. */
    note: z.string().nullable(),
    lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() })),
  })
  .meta({ id: 'WebhookOrder' });
export type WebhookOrder = z.infer<typeof webhookOrderSchema>;

export const webhookCustomerSchema = z
  .object({
    id: objectIdSchema,
    resellerId: objectIdSchema,
    companyName: z.string(),
    email: z.string(),
    phone: z.string(),
    city: z.string(),
    country: z.string(),
    active: z.boolean(),
    orderApprovalRequired: z.boolean(),
  })
  .meta({ id: 'WebhookCustomer' });
export type WebhookCustomer = z.infer<typeof webhookCustomerSchema>;

const envelope = {
  /** The event's id: the same for every endpoint told of it (the delivery's own id is the Webhook-Id header). */
  id: objectIdSchema,
  version: z.literal(WEBHOOK_EVENT_VERSION),
  occurredAt: z.iso.datetime(),
};

/** The JSON body of a webhook delivery. */
export const webhookEventSchema = z
  .discriminatedUnion('type', [
    z.object({ ...envelope, type: z.enum(['order.placed', 'order.waiting', 'order.accepted', 'order.canceled', 'order.executed']), data: z.object({ order: webhookOrderSchema }) }),
    z.object({ ...envelope, type: z.enum(['customer.created', 'customer.changed']), data: z.object({ customer: webhookCustomerSchema }) }),
  ])
  .meta({ id: 'WebhookEvent' });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

export const WEBHOOK_ENDPOINT_STATES = ['active', 'paused'] as const;
export const webhookEndpointStateSchema = z.enum(WEBHOOK_ENDPOINT_STATES).meta({ id: 'WebhookEndpointState' });

const webhookUrlSchema = z.string().trim().min(1, 'Enter the URL').max(2000, 'At most 2,000 characters').pipe(z.url('Enter a URL such as https://billing.example.com/hooks'));

export const webhookEndpointInputSchema = z
  .object({
    url: webhookUrlSchema,
    description: z.string().trim().max(200, 'At most 200 characters').default(''),
    events: z
      .array(webhookEventTypeSchema)
      .min(1, 'Choose at least one event')
      .refine((events) => new Set(events).size === events.length, 'Each event once'),
    /** Your own secret (24–200 characters); left out, one is generated. Shown once, in the answer. */
    secret: z.string().min(24, 'At least 24 characters').max(200, 'At most 200 characters').optional(),
  })
  .meta({ id: 'WebhookEndpointInput' });
export type WebhookEndpointInput = z.input<typeof webhookEndpointInputSchema>;

export const webhookEndpointSchema = z
  .object({
    id: objectIdSchema,
    url: z.string(),
    description: z.string(),
    events: z.array(webhookEventTypeSchema),
    state: webhookEndpointStateSchema,
    /** Whose it is, for a distributor's staff: the reseller's name; null for the distributor's own (and in a reseller's own list). */
    resellerName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    /** Since when every delivery has failed (null while they succeed); 24 h of it pauses the endpoint. */
    failingSince: z.iso.datetime().nullable(),
    pausedAt: z.iso.datetime().nullable(),
    pausedReason: z.string().nullable(),
    abilities: z.object({ pause: z.boolean(), resume: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** The answer to a registration: the endpoint and its secret, shown this once. */
export const webhookEndpointCreatedSchema = z.object({ endpoint: webhookEndpointSchema, secret: z.string() }).meta({ id: 'WebhookEndpointCreated' });
export type WebhookEndpointCreated = z.infer<typeof webhookEndpointCreatedSchema>;

export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) }).meta({ id: 'WebhookEndpointList' });
export type WebhookEndpointList = z.infer<typeof webhookEndpointListSchema>;

export const webhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    at: z.iso.datetime(),
    ok: z.boolean(),
    /** The receiver's HTTP status; null when none came (timeout, refused connection, address refused). */
    status: z.number().int().nullable(),
    error: z.string().nullable(),
    ms: z.number().int(),
  })
  .meta({ id: 'WebhookAttempt' });

export const webhookDeliverySchema = z
  .object({
    id: objectIdSchema,
    event: z.string(),
    state: deliveryStateSchema,
    attempts: z.number().int(),
    createdAt: z.iso.datetime(),
    nextAttemptAt: z.iso.datetime().nullable(),
    sentAt: z.iso.datetime().nullable(),
    failedAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    /** The last attempt's HTTP status, if an answer came. */
    lastStatus: z.number().int().nullable(),
    log: z.array(webhookAttemptSchema),
    abilities: z.object({ sendAgain: z.boolean() }),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ items: z.array(webhookDeliverySchema) }).meta({ id: 'WebhookDeliveryList' });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
