import { Schema, model, type Types } from 'mongoose';
import { WEBHOOK_ENDPOINT_STATES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { deliveryOutboxPlugin } from '../deliveries/delivery-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';

/**
 * An endpoint a reseller's (or a distributor's, `resellerId` null) staff registered: it is told of
 * the events it chose that happen in its owner's subtree. `failingSince` marks the first failed
 * attempt after the last success; 24 h of failures pause it (webhook-health.ts), and the email
 * telling its owner travels in that pause's write (the message outbox).
 */
const webhookEndpointSchema = new Schema({
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, default: null },
  url: { type: String, required: true },
  description: { type: String, default: '' },
  events: { type: [{ type: String, enum: WEBHOOK_EVENT_TYPES }], required: true },
  /** Signs every delivery (HMAC-SHA256); kept to sign, shown only in the answer that registered it. */
  secret: { type: String, required: true },
  state: { type: String, enum: WEBHOOK_ENDPOINT_STATES, required: true, default: 'active' },
  failingSince: { type: Date, default: null },
  pausedAt: { type: Date, default: null },
  pausedReason: { type: String, default: null },
  createdAt: { type: Date, required: true },
  createdByUserId: { type: Schema.Types.ObjectId, default: null },
});
// The endpoints told of an event: the distributor's and the event's reseller's, active, subscribed.
webhookEndpointSchema.index({ distributorId: 1, state: 1, events: 1 });
// The staff's list, newest first: a distributor's whole tree, a reseller's own.
webhookEndpointSchema.index({ distributorId: 1, createdAt: -1, _id: -1 });
webhookEndpointSchema.index({ distributorId: 1, resellerId: 1, createdAt: -1, _id: -1 });
webhookEndpointSchema.plugin(auditOutboxPlugin);
webhookEndpointSchema.plugin(deliveryOutboxPlugin);
webhookEndpointSchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId' });

export interface WebhookEndpointDoc {
  _id: Types.ObjectId;
  distributorId: Types.ObjectId;
  resellerId: Types.ObjectId | null;
  url: string;
  description: string;
  events: WebhookEventType[];
  secret: string;
  state: 'active' | 'paused';
  failingSince: Date | null;
  pausedAt: Date | null;
  pausedReason: string | null;
  createdAt: Date;
  createdByUserId: Types.ObjectId | null;
}

export const WebhookEndpoint = model('WebhookEndpoint', webhookEndpointSchema);
