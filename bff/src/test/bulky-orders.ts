import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';

/**
 * Adds `count` copies of one of the demo customer's orders, each with a customer name (and, in
 * `bulky`, other names an export reads) of random text (`nameBytes` random bytes, base64) that zlib
 * cannot shrink much: an export of them is many MB, so it cannot be finished before a client that
 * stops reading or hangs up.
 */
export async function insertBulkyOrders(customerKey: string, count: number, nameBytes = 1500, bulky: readonly ('customerName' | 'resellerName')[] = ['customerName']): Promise<void> {
  const template = await Order.collection.findOne({ customerId: demoId(customerKey) });
  if (!template) throw new Error(`demo customer ${customerKey} has no order to copy`);
  const docs = Array.from({ length: count }, (_, i) => ({
    ...template,
    _id: new Types.ObjectId(),
    number: `BIG-${String(i).padStart(6, '0')}`,
    ...Object.fromEntries(bulky.map((field) => [field, randomBytes(nameBytes).toString('base64')])),
  }));
  await Order.collection.insertMany(docs);
}
