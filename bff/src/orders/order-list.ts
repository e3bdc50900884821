import { Types } from 'mongoose';
import { parseOrderSort, type OrderListQuery, type OrderSortKey, type OrderView } from '@app/shared';
import { escapeRegex } from '../lib/escape-regex.js';
import { afterCursor, keysetSort, nextCursorOf, totalIfAsked, type KeysetView } from '../lib/keyset-page.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Order } from './order.model.js';
import { keptOrderTotal } from './order-totals.js';

const SORT_FIELDS: Record<OrderSortKey, 'orderedAt' | 'number' | 'totalAmountCents' | 'customerName'> = {
  orderedAt: 'orderedAt',
  number: 'number',
  totalAmount: 'totalAmountCents',
  customerName: 'customerName',
};

const DAY_MS = 86_400_000;

export function orderKeysetView(q: OrderView): KeysetView {
  const { key, descending } = parseOrderSort(q.sort);
  const view = [q.search, q.status, q.customerId, q.resellerId, q.olderThanDays, q.placedBy, q.from, q.to].map((v) => v ?? '');
  return { field: SORT_FIELDS[key], descending, view };
}

/** The filter every page, count and export of one orders view shares. */
export function orderViewFilter(q: Omit<OrderView, 'sort'>, now = new Date()): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (q.status) filter.status = q.status;
  if (q.customerId) filter.customerId = new Types.ObjectId(q.customerId);
  if (q.resellerId) filter.resellerId = new Types.ObjectId(q.resellerId);
  if (q.placedBy) filter['placedBy.kind'] = q.placedBy;
  const placed: Record<string, Date> = {};
  if (q.from) placed.$gte = new Date(q.from);
  if (q.to) placed.$lt = new Date(q.to);
  if (q.olderThanDays !== undefined) placed.$lte = new Date(now.getTime() - q.olderThanDays * DAY_MS);
  if (Object.keys(placed).length > 0) filter.orderedAt = placed;
  // An order number's start, or the buyer's reference's (any case).
  if (q.search) filter.$or = [{ number: { $regex: `^${escapeRegex(q.search.toUpperCase())}` } }, { referenceKey: { $regex: `^${escapeRegex(q.search.toLowerCase())}` } }];
  return filter;
}

/** The one query of an orders grid's view: its filter and sort. Pages and the export both run it. */
export function orderView(q: OrderView, now = new Date()) {
  const keyset = orderKeysetView(q);
  return { keyset, filter: orderViewFilter(q, now), sort: keysetSort(keyset) };
}

/** One page of an orders grid, keyset-paged like the customer grid (offset only for jumps); counted only when asked. */
export async function listOrderPage(q: OrderListQuery, scope: Scope) {
  const { keyset: view, filter: base, sort } = orderView(q);
  let query = Order.find(afterCursor(view, base, q.cursor)).sort(sort).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, scope).lean(), totalIfAsked(q.total, async () => (await keptOrderTotal(base, scope)) ?? (await scoped(Order.countDocuments(base), scope)))]);
  return { items, total, nextCursor: nextCursorOf(view, items, q.limit) };
}
