import { Types } from 'mongoose';
import { demoId } from '../seed/demo-ids.js';
import { settleDeliveries } from '../deliveries/delivery-outbox.js';
import { Delivery } from '../deliveries/delivery.model.js';
import { outgoingMail } from '../deliveries/outgoing-message.js';

/**
 * Puts one email in the queue as a change would (tests): for the Northwind distributor and the
 * cash reseller unless told; `giveUpAt` set as if attempted before.
 */
export async function enqueueForTest(o: { to: string; sensitive?: boolean; giveUpAt?: Date; resellerId?: Types.ObjectId | null }) {
  const message = outgoingMail(
    'test.message',
    { _id: new Types.ObjectId(), distributorId: demoId('distributor:northwind'), resellerId: o.resellerId === undefined ? demoId('reseller:cash') : o.resellerId },
    { to: o.to, subject: `A message for ${o.to}`, text: 'Hello', html: '<p>Hello</p>' },
    { sensitive: o.sensitive ?? false },
  );
  // No document carries it: an outbox move of a message alone (the pull finds nothing to pull).
  await settleDeliveries(Delivery, { _id: new Types.ObjectId(), pendingDeliveries: [message] }, { announce: false });
  if (o.giveUpAt) await Delivery.collection.updateOne({ _id: message._id }, { $set: { giveUpAt: o.giveUpAt } });
  return message;
}
