import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { orderPolicy } from '../policies/order.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/**
 * The watch-list notes of the customers of some orders, by customer id: what approval cards and
 * order pages show staff. Never asked for a storefront user (an empty map), so no storefront
 * answer can carry one.
 */
export async function watchNotesOf(actor: Actor, customerIds: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (!orderPolicy.can(actor.principal, 'order.seeWatchNote') || customerIds.length === 0) return notes;
  const ids = [...new Map(customerIds.map((id) => [String(id), id])).values()];
  const customers = await scoped(Customer.find({ _id: { $in: ids } }, { watchNote: 1 }), actor.scope).lean();
  for (const c of customers) if (c.watchNote?.text) notes.set(String(c._id), c.watchNote.text);
  return notes;
}
