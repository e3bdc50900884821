import { Types, type QueryFilter as FilterQuery } from 'mongoose';
import { CUSTOMER_FILTER_KEYS, parseCustomerSort, type CustomerListQuery, type CustomerSortKey } from '@app/shared';
import { escapeRegex } from '../lib/escape-regex.js';
import { approvalForcedBy } from '../policies/customer.js';
import { Reseller } from '../resellers/reseller.model.js';
import { afterCursor, keysetSort, nextCursorOf, totalIfAsked, type KeysetView } from '../lib/keyset-page.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Customer, type CustomerDoc } from './customer.model.js';
import { sortKey } from './customer-keys.js';
import { keptCustomerTotal } from './customer-totals.js';

/** Grid column → the stored field that sorts it (lower-cased keys for text, cents for money). */
const SORT_FIELDS: Record<CustomerSortKey, 'nameKey' | 'phone' | 'cityKey' | 'email' | 'monthlyRunRateCents'> = {
  companyName: 'nameKey',
  phone: 'phone',
  city: 'cityKey',
  email: 'email',
  monthlyRunRate: 'monthlyRunRateCents',
};

/** What defines one view of the grid besides its sort: the same rows, whatever the paging. */
export type CustomerViewQuery = Pick<CustomerListQuery, 'search' | 'resellerId' | 'priceLevelId' | (typeof CUSTOMER_FILTER_KEYS)[number]>;

/** The keyset view of a grid query: its sort field, then the name for ties, and what else defines it. */
export function customerKeysetView(q: CustomerViewQuery & Pick<CustomerListQuery, 'sort'>): KeysetView {
  const { key, descending } = parseCustomerSort(q.sort);
  return { field: SORT_FIELDS[key], then: 'nameKey', descending, view: [q.search ?? '', q.resellerId ?? '', q.priceLevelId ?? '', ...CUSTOMER_FILTER_KEYS.map((k) => q[k] ?? '')] };
}

/** Finds customers by something kept elsewhere (an order number): their ids, inside the scope. */
export type CustomerSearchSource = (scope: Scope, search: string) => Promise<Types.ObjectId[]>;
const searchSources: CustomerSearchSource[] = [];

/** Lets another feature make its own keys find customers; registered once by the composition root. */
export function alsoFindCustomersBy(source: CustomerSearchSource): void {
  searchSources.push(source);
}

/** The resellers in scope whose payment method forces order approval on every customer (rule 1). */
async function approvalForcingResellers(scope: Scope): Promise<Types.ObjectId[]> {
  const resellers = await scoped(Reseller.find({}, { paymentMethod: 1 }), scope).lean();
  return resellers.filter((r) => approvalForcedBy(r.paymentMethod)).map((r) => r._id);
}

/**
 * The filter every page, count and export of one view shares (search, reseller, the yes/no
 * filters), never paging. The one place a grid query becomes a database filter: the grid and the
 * Excel export both call it, so the export holds what the grid shows.
 */
export async function customerViewFilter(q: CustomerViewQuery, scope: Scope, now = new Date()): Promise<FilterQuery<CustomerDoc>> {
  const all: FilterQuery<CustomerDoc>[] = [];
  if (q.resellerId) all.push({ resellerId: new Types.ObjectId(q.resellerId) });
  if (q.priceLevelId) all.push({ priceLevelIds: new Types.ObjectId(q.priceLevelId) });
  if (q.active) all.push({ active: q.active === 'yes' });
  if (q.storefrontAccess) all.push({ storefrontAccess: q.storefrontAccess === 'yes' });
  if (q.approvalRequired) {
    // Required when the customer asks for it or its reseller pays by credit card.
    const forcing = await approvalForcingResellers(scope);
    all.push(
      q.approvalRequired === 'yes'
        ? { $or: [{ orderApprovalRequired: true }, { resellerId: { $in: forcing } }] }
        : { orderApprovalRequired: false, resellerId: { $nin: forcing } },
    );
  }
  // Kept on the customer by the writes that move them (invoices/invoice-figures.ts), read by their indexes.
  if (q.overdue) all.push(q.overdue === 'yes' ? { oldestDueAt: { $lt: now } } : { $or: [{ oldestDueAt: null }, { oldestDueAt: { $gte: now } }] });
  if (q.overLimit) all.push(q.overLimit === 'yes' ? { creditLimited: true, creditHeadroomCents: { $lt: 0 } } : { $or: [{ creditLimited: { $ne: true } }, { creditHeadroomCents: { $gte: 0 } }] });
  const search = q.search?.trim();
  if (search) {
    const text = { searchText: { $regex: escapeRegex(sortKey(search)) } };
    const found = (await Promise.all(searchSources.map((source) => source(scope, search)))).flat();
    all.push({ $or: found.length > 0 ? [text, { _id: { $in: found } }] : [text] });
  }
  return all.length === 0 ? {} : all.length === 1 ? all[0]! : { $and: all };
}

/** The one query of a customer grid's view: its filter and sort. Pages and the export both run it. */
export async function customerView(q: CustomerViewQuery & Pick<CustomerListQuery, 'sort'>, scope: Scope, now = new Date()) {
  const keyset = customerKeysetView(q);
  return { keyset, filter: await customerViewFilter(q, scope, now), sort: keysetSort(keyset) };
}

/**
 * One page of the customer grid. With a cursor, the page starts right after the cursor's row on
 * the sort key plus _id (keyset: as fast at page 1,000 as at page 1); with only an offset it skips.
 */
export async function listCustomerPage(q: CustomerListQuery, scope: Scope) {
  const { keyset: view, filter: base, sort } = await customerView(q, scope);
  let query = Customer.find(afterCursor(view, base, q.cursor)).sort(sort).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, scope).lean(), totalIfAsked(q.total, async () => (await keptCustomerTotal(base, scope)) ?? (await scoped(Customer.countDocuments(base), scope)))]);
  return { items, total, nextCursor: nextCursorOf(view, items, q.limit) };
}
