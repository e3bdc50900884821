import { Types } from 'mongoose';
import type { DeliveryQueueFigures, DeliveryState } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { conflict, notFound } from '../errors/app-error.js';
import { deliveryPolicy } from '../policies/delivery.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Delivery, type DeliveryDoc } from './delivery.model.js';
import { deliveryHeadline } from './outgoing-message.js';

/** How many messages a list shows at once: the newest. */
export const DELIVERY_LIST_LIMIT = 100;

/** The newest messages in a state inside the scope. */
export async function listDeliveries(scope: Scope, state: DeliveryState): Promise<DeliveryDoc[]> {
  return (await scoped(Delivery.find({ state }).sort({ createdAt: -1, _id: -1 }).limit(DELIVERY_LIST_LIMIT), scope).lean()) as DeliveryDoc[];
}

async function getDelivery(scope: Scope, id: string): Promise<DeliveryDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The message');
  const found = (await scoped(Delivery.findById(id), scope).lean()) as DeliveryDoc | null;
  if (!found) throw notFound('The message');
  return found;
}

const notFailed = () => conflict('This message is not failed any more: it is being sent or was sent. Refresh to see it.');

/**
 * Sends a finally failed message again: back to waiting, due now, with a fresh 24 h of retries.
 * One conditional update on `failed` (of two people asking at once, one wins; the other gets 409),
 * carrying its audit event. A link in it may have expired meanwhile; the recipient can ask anew.
 */
export async function sendDeliveryAgain(actor: Actor, id: string): Promise<DeliveryDoc> {
  const found = await getDelivery(actor.scope, id);
  deliveryPolicy.authorize(actor.principal, 'delivery.sendAgain', found, notFailed);
  const now = new Date();
  const event = auditEventFor(
    actor,
    { action: 'delivery.resent', target: { type: 'delivery', id: found._id, label: deliveryHeadline(found).subject }, resellerId: found.resellerId, customerId: found.customerId },
    now,
  );
  const updated = (await scoped(
    Delivery.findOneAndUpdate(
      { _id: found._id, state: 'failed' },
      { $set: { state: 'waiting', nextAttemptAt: now, giveUpAt: null, failedAt: null, leaseOwner: null, leaseUntil: null }, ...pushAudit(event) },
      { returnDocument: 'after' },
    ),
    actor.scope,
  ).lean()) as DeliveryDoc | null;
  if (!updated) throw notFailed();
  await settleAudit(actor, Delivery, updated as never);
  return updated;
}

/** The queue's figures inside the scope: what waits, since when, and what failed. */
export async function deliveryQueueFigures(scope: Scope, now = new Date()): Promise<DeliveryQueueFigures> {
  const count = (state: DeliveryState) => scoped(Delivery.countDocuments({ state }), scope);
  const [waiting, sending, failed] = [await count('waiting'), await count('sending'), await count('failed')];
  const oldest = (await scoped(Delivery.findOne({ state: 'waiting' }, { createdAt: 1 }).sort({ createdAt: 1, _id: 1 }), scope).lean()) as { createdAt: Date } | null;
  return {
    waiting,
    sending,
    failed,
    oldestWaitingAt: oldest ? oldest.createdAt.toISOString() : null,
    oldestWaitingSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null,
  };
}
