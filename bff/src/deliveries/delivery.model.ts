import { Schema, model } from 'mongoose';
import { DELIVERY_STATES, type DeliveryState } from '@app/shared';
import { auditOutboxPlugin } from '../audit/audit-outbox.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';
import type { OutgoingMessage } from './outgoing-message.js';


/**
 * One outgoing message (an email, or a webhook call: `channel`), from the moment the change that causes it
 * is stored until it is delivered or finally given up. Its _id is the message's idempotency key
 * (the email's Message-ID is built from it), chosen when the change is written, so a copy made
 * twice (a retried move, a start-up sweep) is refused by the _id and never sent twice.
 *
 * `waiting` → claimed (`sending`, with a lease) → `sent`, or back to `waiting` with a later
 * `nextAttemptAt`, or `failed` once `giveUpAt` has passed. A `sending` whose lease has run out
 * (its process died) is claimable again. Tenancy: the recipient's place in the tree.
 */
const deliverySchema = new Schema({
  distributorId: { type: Schema.Types.ObjectId, required: true },
  resellerId: { type: Schema.Types.ObjectId, default: null },
  customerId: { type: Schema.Types.ObjectId, default: null },
  /** What caused it: `order.waiting`, `order.decided`, `account.activation`, `account.reset`. */
  topic: { type: String, required: true },
  /** The user the message is for, when it is one of ours. */
  recipientUserId: { type: Schema.Types.ObjectId, default: null },
  channel: { type: String, enum: ['mail', 'webhook'], required: true },
  mail: {
    type: new Schema(
      { to: { type: String, required: true }, subject: { type: String, required: true }, text: { type: String, default: null }, html: { type: String, default: null } },
      { _id: false },
    ),
    default: null,
  },
  /** A webhook call (webhooks/): the endpoint, its URL when the event happened, the event and its JSON body. */
  webhook: {
    type: new Schema(
      { endpointId: { type: Schema.Types.ObjectId, required: true }, url: { type: String, required: true }, event: { type: String, required: true }, body: { type: String, required: true } },
      { _id: false },
    ),
    default: null,
  },
  /** A message carrying a secret (a sign-in link): its body is dropped once delivered. */
  sensitive: { type: Boolean, default: false },
  state: { type: String, enum: DELIVERY_STATES, required: true },
  /** Claims so far; the next claim is attempt `attempts + 1` (deliveries/delivery-claim.ts). */
  attempts: { type: Number, required: true, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  leaseOwner: { type: String, default: null },
  leaseUntil: { type: Date, default: null },
  lastError: { type: String, default: null },
  createdAt: { type: Date, required: true },
  /** Set at the first claim: a failed attempt after it is the last one, and the message is kept as `failed`. */
  giveUpAt: { type: Date, default: null },
  sentAt: { type: Date, default: null },
  failedAt: { type: Date, default: null },
  /** One line per attempt: when, how it went, the receiver's answer (a webhook's HTTP status), how long it took. */
  attemptLog: {
    type: [new Schema({ attempt: Number, at: Date, ok: Boolean, status: { type: Number, default: null }, error: { type: String, default: null }, ms: Number }, { _id: false })],
    default: [],
  },
});
// The worker's next due message (all tenants); an expired lease of a message in `sending`.
deliverySchema.index({ state: 1, nextAttemptAt: 1 });
deliverySchema.index({ state: 1, leaseUntil: 1 });
// Staff see their subtree's messages in a state (failed ones to send again), newest first.
deliverySchema.index({ distributorId: 1, state: 1, createdAt: -1, _id: -1 });
deliverySchema.index({ distributorId: 1, resellerId: 1, state: 1, createdAt: -1, _id: -1 });
// An endpoint's delivery log (webhooks/), newest first, for a distributor's and a reseller's staff.
deliverySchema.index({ distributorId: 1, 'webhook.endpointId': 1, createdAt: -1, _id: -1 });
deliverySchema.index({ distributorId: 1, resellerId: 1, 'webhook.endpointId': 1, createdAt: -1, _id: -1 });
// Staff sending a failed message again: its audit event travels in that write.
deliverySchema.plugin(auditOutboxPlugin);
deliverySchema.plugin(tenantPlugin, { distributor: 'distributorId', reseller: 'resellerId', customer: 'customerId' });

export interface DeliveryAttemptLine {
  attempt: number;
  at: Date;
  ok: boolean;
  status: number | null;
  error: string | null;
  ms: number;
}

/** A message as the queue holds it: what it is (outgoing-message.ts) and how its delivery goes. */
export type DeliveryDoc = Omit<OutgoingMessage, 'mail'> & {
  mail: { to: string; subject: string; text: string | null; html: string | null } | null;
  attemptLog?: DeliveryAttemptLine[];
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  giveUpAt: Date | null;
  sentAt: Date | null;
  failedAt: Date | null;
};
export const Delivery = model('Delivery', deliverySchema);

/**
 * The arbiter of claims: one document per (delivery, attempt number), `_id` `<delivery>:<n>`.
 * Unique indexes hold on MongoDB and on FerretDB alike, across processes, where FerretDB's
 * conditional updates are only made atomic inside one process (db/serialised-writes.ts): so of
 * any number of workers, in any number of processes, exactly one gets attempt n.
 */
const deliveryClaimSchema = new Schema({
  _id: { type: String, required: true },
  owner: { type: String, required: true },
  at: { type: Date, required: true },
});
deliveryClaimSchema.index({ at: 1 });

export const DeliveryClaim = model('DeliveryClaim', deliveryClaimSchema);
