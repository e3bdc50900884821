import { CARRIERS, normaliseTrackingNumber, type AddTracking } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { conflict } from '../errors/app-error.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { orderPolicy, TRACKABLE } from '../policies/order.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import type { Types } from 'mongoose';
import { Order } from './order.model.js';
import { getOrder, type StoredOrder } from './order.service.js';

/** Enough for any shipment we have seen split; a longer list is a mistake being repeated. */
export const MAX_PARCELS = 20;

/**
 * Adds a parcel's carrier and tracking number to an order in progress or executed. One conditional
 * write checks the status, that the number is not on the order yet and that there is room, and
 * carries the audit event: a racing duplicate or a cancel in between is refused (409), never doubled.
 */
export async function addTracking(actor: Actor, id: string, input: AddTracking): Promise<StoredOrder> {
  const { principal, scope } = actor;
  const order = await getOrder(scope, id);
  const notTrackable = () => conflict('Tracking numbers can be added to orders in progress or executed only.', 'conflict', { status: order.status });
  orderPolicy.authorize(principal, 'order.addTracking', order, notTrackable);
  const number = input.number.replace(/\s+/g, ' ');
  const key = normaliseTrackingNumber(number);
  const duplicate = () => conflict('This tracking number is on the order already.', 'conflict', { number: 'This tracking number is on the order already.' });
  if ((order.trackingNumbers ?? []).includes(key)) throw duplicate();
  if ((order.tracking ?? []).length >= MAX_PARCELS) throw conflict(`An order holds at most ${MAX_PARCELS} tracking numbers.`);
  const event = auditEventFor(actor, {
    action: 'order.tracking_added',
    target: { type: 'order', id: order._id, label: order.number },
    resellerId: order.resellerId,
    customerId: order.customerId,
    customerName: order.customerName,
    changes: { tracking: { from: null, to: `${CARRIERS[input.carrier].name} ${number}` } },
  });
  const updated = await scoped(
    Order.findOneAndUpdate(
      { _id: order._id, status: { $in: TRACKABLE }, trackingNumbers: { $ne: key }, [`tracking.${MAX_PARCELS - 1}`]: { $exists: false } },
      {
        $push: {
          tracking: { carrier: input.carrier, number, addedAt: new Date(), addedByName: principal.displayName },
          trackingNumbers: key,
          pendingAudit: event,
        },
      },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) {
    const now = await getOrder(scope, id);
    throw TRACKABLE.includes(now.status) ? duplicate() : notTrackable();
  }
  await settleAudit(actor, Order, updated);
  return updated as StoredOrder;
}

/**
 * Takes a parcel off an order (a number typed wrong). The write is conditional on the number still
 * being on the order, so of two racing removals one lands and the other is told (409).
 */
export async function removeTracking(actor: Actor, id: string, key: string): Promise<StoredOrder> {
  const { principal, scope } = actor;
  const order = await getOrder(scope, id);
  orderPolicy.authorize(principal, 'order.removeTracking', order, () => conflict('This tracking number cannot be removed now.'));
  const gone = () => conflict('This tracking number is not on the order (removed meanwhile?).', 'stale');
  const entry = (order.tracking ?? []).find((t) => normaliseTrackingNumber(t.number) === key);
  if (!entry) throw gone();
  const event = auditEventFor(actor, {
    action: 'order.tracking_removed',
    target: { type: 'order', id: order._id, label: order.number },
    resellerId: order.resellerId,
    customerId: order.customerId,
    customerName: order.customerName,
    changes: { tracking: { from: `${CARRIERS[entry.carrier as keyof typeof CARRIERS]?.name ?? entry.carrier} ${entry.number}`, to: null } },
  });
  const updated = await scoped(
    Order.findOneAndUpdate(
      { _id: order._id, trackingNumbers: key },
      // The whole entry as read: MongoDB matches it as a condition, FerretDB 1.x as an exact value (it has no conditions in $pull).
      { $pull: { tracking: { carrier: entry.carrier, number: entry.number, addedAt: entry.addedAt, addedByName: entry.addedByName }, trackingNumbers: key }, ...pushAudit(event) },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) throw gone();
  await settleAudit(actor, Order, updated);
  return updated as StoredOrder;
}

/** Customers with an order shipped under this tracking number (the customer grid's search box). */
export async function customersWithTrackingNumber(scope: Scope, search: string): Promise<Types.ObjectId[]> {
  const key = normaliseTrackingNumber(search);
  // Tracking numbers are long and mostly digits; a short word is a name, not a parcel.
  if (key.length < 6 || !/\d/.test(key) || escapeRegex(key) !== key) return [];
  const orders = await scoped(Order.find({ trackingNumbers: key }, { customerId: 1 }).limit(50), scope).lean();
  return orders.map((o) => o.customerId);
}
