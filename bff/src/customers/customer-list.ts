import { Types, type QueryFilter as FilterQuery } from 'mongoose';
import { parseCustomerSort, type CustomerListQuery, type CustomerSortKey } from '@app/shared';
import { escapeRegex } from '../lib/escape-regex.js';
import { afterCursor, keysetSort, nextCursorOf, type KeysetView } from '../lib/keyset-page.js';
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

/** The keyset view of a grid query: its sort field and what else defines it. */
export function customerKeysetView(q: Pick<CustomerListQuery, 'sort' | 'search' | 'resellerId'>): KeysetView {
  const { key, descending } = parseCustomerSort(q.sort);
  return { field: SORT_FIELDS[key], descending, view: [q.search ?? '', q.resellerId ?? ''] };
}

/** Finds customers by something kept elsewhere (an order number): their ids, inside the scope. */
export type CustomerSearchSource = (scope: Scope, search: string) => Promise<Types.ObjectId[]>;
const searchSources: CustomerSearchSource[] = [];

/** Lets another feature make its own keys find customers; registered once by the composition root. */
export function alsoFindCustomersBy(source: CustomerSearchSource): void {
  searchSources.push(source);
}

/** The filter every page, count and export of one view shares: search and reseller, not paging. */
export async function customerViewFilter(q: Pick<CustomerListQuery, 'search' | 'resellerId'>, scope: Scope): Promise<FilterQuery<CustomerDoc>> {
  const filter: FilterQuery<CustomerDoc> = {};
  if (q.resellerId) filter.resellerId = new Types.ObjectId(q.resellerId);
  const search = q.search?.trim();
  if (search) {
    const text = { searchText: { $regex: escapeRegex(sortKey(search)) } };
    const found = (await Promise.all(searchSources.map((source) => source(scope, search)))).flat();
    filter.$or = found.length > 0 ? [text, { _id: { $in: found } }] : [text];
  }
  return filter;
}

/** The one query of a customer grid's view: its filter and sort. Pages and the export both run it. */
export async function customerView(q: Pick<CustomerListQuery, 'search' | 'resellerId' | 'sort'>, scope: Scope) {
  const keyset = customerKeysetView(q);
  return { keyset, filter: await customerViewFilter(q, scope), sort: keysetSort(keyset) };
}

/**
 * One page of the customer grid. With a cursor, the page starts right after the cursor's row on
 * the sort key plus _id (keyset: as fast at page 1,000 as at page 1); with only an offset it skips.
 */
export async function listCustomerPage(q: CustomerListQuery, scope: Scope) {
  const { keyset: view, filter: base, sort } = await customerView(q, scope);
  let query = Customer.find(afterCursor(view, base, q.cursor)).sort(sort).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, scope).lean(), scoped(Customer.countDocuments(base), scope)]);
  return { items, total, nextCursor: nextCursorOf(view, items, q.limit) };
}
