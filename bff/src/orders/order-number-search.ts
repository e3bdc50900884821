import type { Types } from 'mongoose';
import { escapeRegex } from '../lib/escape-regex.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Order } from './order.model.js';

/** Customers with an order whose number starts with `search` (the customer grid's search box). */
export async function customersWithOrderNumber(scope: Scope, search: string): Promise<Types.ObjectId[]> {
  if (!/\d/.test(search)) return [];
  const orders = await scoped(Order.find({ number: { $regex: `^${escapeRegex(search.toUpperCase())}` } }, { customerId: 1 }).limit(50), scope).lean();
  return orders.map((o) => o.customerId);
}
