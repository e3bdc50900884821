import { createHash } from 'node:crypto';
import { Types, type QueryFilter as FilterQuery } from 'mongoose';
import { parseCustomerSort, type CustomerListQuery, type CustomerSort, type CustomerSortKey } from '@app/shared';
import { validationFailed } from '../errors/app-error.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { Order } from '../orders/order.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Customer, type CustomerDoc } from './customer.model.js';
import { sortKey } from './customer-keys.js';

/** Grid column → the stored field that sorts it (lower-cased keys for text, cents for money). */
const SORT_FIELDS: Record<CustomerSortKey, 'nameKey' | 'phone' | 'cityKey' | 'email' | 'monthlyRunRateCents'> = {
  companyName: 'nameKey',
  phone: 'phone',
  city: 'cityKey',
  email: 'email',
  monthlyRunRate: 'monthlyRunRateCents',
};

interface Cursor {
  /** Sort and search the cursor was made for: a cursor from another view is refused. */
  k: string;
  v: string | number;
  id: string;
}

const viewKey = (q: CustomerListQuery) =>
  createHash('sha256').update(`${q.sort}\u0000${q.search ?? ''}\u0000${q.resellerId ?? ''}`).digest('base64url').slice(0, 12);

export function encodeCursor(q: CustomerListQuery, last: CustomerDoc & { _id: Types.ObjectId }): string {
  const field = SORT_FIELDS[parseCustomerSort(q.sort).key];
  const cursor: Cursor = { k: viewKey(q), v: last[field] as string | number, id: last._id.toHexString() };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(q: CustomerListQuery, raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (c.k === viewKey(q) && Types.ObjectId.isValid(c.id) && (typeof c.v === 'string' || typeof c.v === 'number')) return c;
  } catch {
    // fall through
  }
  throw validationFailed({ cursor: 'Invalid or outdated cursor' }, 'This page link no longer matches the list; start again from the first page.');
}

/** The filter every page, count and export of one view shares: search and reseller, not paging. */
export async function customerViewFilter(q: Pick<CustomerListQuery, 'search' | 'resellerId'>, scope: Scope): Promise<FilterQuery<CustomerDoc>> {
  const filter: FilterQuery<CustomerDoc> = {};
  if (q.resellerId) filter.resellerId = new Types.ObjectId(q.resellerId);
  const search = q.search?.trim();
  if (search) {
    const text = { searchText: { $regex: escapeRegex(sortKey(search)) } };
    // An order number finds its customer: look the prefix up among the caller's own orders.
    const orderCustomers = /\d/.test(search)
      ? await scoped(Order.find({ number: { $regex: `^${escapeRegex(search.toUpperCase())}` } }, { customerId: 1 }).limit(50), scope).lean()
      : [];
    filter.$or = orderCustomers.length > 0 ? [text, { _id: { $in: orderCustomers.map((o) => o.customerId) } }] : [text];
  }
  return filter;
}

/** The stored field and direction a grid sort means, with _id as the tiebreak. */
export function customerSort(sort: CustomerSort): Record<string, 1 | -1> {
  const { key, descending } = parseCustomerSort(sort);
  const dir = descending ? -1 : 1;
  return { [SORT_FIELDS[key]]: dir, _id: dir };
}

/**
 * One page of the customer grid. With a cursor, the page starts right after the cursor's row on
 * the sort key plus _id (keyset: as fast at page 1,000 as at page 1); with only an offset it skips.
 */
export async function listCustomerPage(q: CustomerListQuery, scope: Scope) {
  const { key, descending } = parseCustomerSort(q.sort);
  const field = SORT_FIELDS[key];
  const dir = descending ? -1 : 1;
  const base = await customerViewFilter(q, scope);

  const page: FilterQuery<CustomerDoc> = { ...base };
  if (q.cursor) {
    const c = decodeCursor(q, q.cursor);
    const op = descending ? '$lt' : '$gt';
    const after = { $or: [{ [field]: { [op]: c.v } }, { [field]: c.v, _id: { [op]: new Types.ObjectId(c.id) } }] };
    if (page.$or) page.$and = [{ $or: page.$or }, after];
    else Object.assign(page, after);
    if (page.$and) delete page.$or;
  }

  let query = Customer.find(page).sort({ [field]: dir, _id: dir }).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, scope).lean(), scoped(Customer.countDocuments(base), scope)]);
  const last = items.at(-1);
  const nextCursor = last && items.length === q.limit ? encodeCursor(q, last) : null;
  return { items, total, nextCursor };
}
