import type { Types } from 'mongoose';
import { Distributor } from '../distributors/distributor.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { nextSequence } from './counter.model.js';

/**
 * The next order number of a distributor (`NW-000124`): its prefix and its counter, advanced with
 * `$inc` (one write: two orders never draw the same number; the unique index would refuse it).
 */
export async function nextOrderNumber(scope: Scope, distributorId: Types.ObjectId): Promise<string> {
  const distributor = await scoped(Distributor.findById(distributorId, { orderPrefix: 1 }), scope).lean();
  const seq = await nextSequence(`order-number:${distributorId.toHexString()}`);
  return `${distributor?.orderPrefix ?? 'ORD'}-${String(seq).padStart(6, '0')}`;
}
