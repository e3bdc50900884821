import { z } from 'zod';
import { objectIdSchema } from './common.js';

/**
 * The outgoing messages queue as staff see it: each email the app sends, its delivery state and
 * attempts; a message that finally failed can be sent again.
 */
export const DELIVERY_STATES = ['waiting', 'sending', 'sent', 'failed'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES).meta({ id: 'DeliveryState' });
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export const deliveryListQuerySchema = z.object({
  /** Failed ones unless asked otherwise: what needs someone's attention. */
  state: deliveryStateSchema.default('failed'),
});

export const deliveryRowSchema = z
  .object({
    id: objectIdSchema,
    /** What caused it: order.waiting, order.decided, account.activation, account.reset. */
    topic: z.string(),
    to: z.string(),
    subject: z.string(),
    state: deliveryStateSchema,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    nextAttemptAt: z.iso.datetime().nullable(),
    sentAt: z.iso.datetime().nullable(),
    failedAt: z.iso.datetime().nullable(),
    abilities: z.object({ sendAgain: z.boolean() }),
  })
  .meta({ id: 'Delivery' });
export type DeliveryRow = z.infer<typeof deliveryRowSchema>;

export const deliveryListSchema = z.object({ items: z.array(deliveryRowSchema) }).meta({ id: 'DeliveryList' });
export type DeliveryList = z.infer<typeof deliveryListSchema>;

/** The queue's figures for an operator (GET /api/health/details), over the distributor's messages. */
export const deliveryQueueFiguresSchema = z
  .object({
    /** Waiting for their first or next attempt, and being sent now. */
    waiting: z.number().int(),
    sending: z.number().int(),
    /** Given up, kept until sent again. */
    failed: z.number().int(),
    /** When the longest-waiting message was queued, and how long ago (seconds); null when none waits. */
    oldestWaitingAt: z.iso.datetime().nullable(),
    oldestWaitingSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'DeliveryQueueFigures' });
export type DeliveryQueueFigures = z.infer<typeof deliveryQueueFiguresSchema>;

export const healthDetailsSchema = z
  .object({ status: z.literal('ok'), deliveries: deliveryQueueFiguresSchema })
  .meta({ id: 'HealthDetails' });
export type HealthDetails = z.infer<typeof healthDetailsSchema>;
