import type { Types, QueryFilter as FilterQuery } from 'mongoose';
import { parseResellerSort, type ResellerListQuery, type ResellerSortKey, type ResellerViewQuery } from '@app/shared';
import { sortKey } from '../customers/customer-keys.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { afterCursor, keysetSort, nextCursorOf, totalIfAsked, type KeysetView } from '../lib/keyset-page.js';
import { Reseller, type ResellerDoc } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { figuresOfPage, type ResellerFigureValues } from './reseller-figures.js';

export type StoredReseller = ResellerDoc & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ResellerWithFigures = StoredReseller & { figures: ResellerFigureValues };

/** Grid column → the stored field that sorts it; the figure columns sort by the kept figures, ties by name. */
const SORT_FIELDS: Record<ResellerSortKey, string> = {
  name: 'nameKey',
  contact: 'contactEmail',
  paymentMethod: 'paymentMethod',
  status: 'status',
  customers: 'keptFigures.customers',
  monthlyRunRate: 'keptFigures.runRateCents',
  waiting: 'keptFigures.pendingApproval',
  inProgress: 'keptFigures.inProgress',
};

export function resellerKeysetView(q: ResellerViewQuery): KeysetView {
  const { key, descending } = parseResellerSort(q.sort);
  const field = SORT_FIELDS[key];
  return {
    field,
    then: field.startsWith('keptFigures.') ? 'nameKey' : undefined,
    descending,
    view: [q.search ?? '', q.status ?? '', q.paymentMethod ?? '', q.waiting ?? ''],
  };
}

/** The filter every page, count and export of one view shares: search and filters, not paging. */
export function resellerViewFilter(q: Omit<ResellerViewQuery, 'sort'>): FilterQuery<ResellerDoc> {
  const filter: FilterQuery<ResellerDoc> = {};
  if (q.status) filter.status = q.status;
  if (q.paymentMethod) filter.paymentMethod = q.paymentMethod;
  if (q.waiting) filter['keptFigures.pendingApproval'] = { $gt: 0 };
  const search = q.search?.trim();
  if (search) filter.searchText = { $regex: escapeRegex(sortKey(search)) };
  return filter;
}

/** Adds each reseller's figures (one grouped query per collection for the whole batch). */
export async function withFigures(scope: Scope, resellers: StoredReseller[]): Promise<ResellerWithFigures[]> {
  const figures = await figuresOfPage(scope, resellers);
  return resellers.map((r) => ({ ...r, figures: figures.get(r._id.toHexString())! }));
}

/** One page of the resellers grid, keyset-paged like the customer grid (offset only for jumps). */
export async function listResellerPage(q: ResellerListQuery, scope: Scope) {
  const view = resellerKeysetView(q);
  const base = resellerViewFilter(q);
  let query = Reseller.find(afterCursor(view, base, q.cursor)).sort(keysetSort(view)).limit(q.limit);
  if (!q.cursor && q.offset) query = query.skip(q.offset);
  const [items, total] = await Promise.all([scoped(query, scope).lean<StoredReseller[]>(), totalIfAsked(q.total, () => scoped(Reseller.countDocuments(base), scope))]);
  return { items: await withFigures(scope, items), total, nextCursor: nextCursorOf(view, items, q.limit) };
}

/**
 * Every row of one view (search, filters, sort) with its figures, page by page: what an export of
 * the grid iterates, holding one page in memory at a time.
 */
export async function* resellerRows(q: ResellerViewQuery, scope: Scope, pageSize = 200): AsyncGenerator<ResellerWithFigures> {
  let cursor: string | undefined;
  do {
    const page = await listResellerPage({ ...q, limit: pageSize, cursor }, scope);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Every reseller of the distributor by name: the choices of a reseller filter. */
export function resellerOptions(scope: Scope) {
  return scoped(Reseller.find({}, { name: 1, paymentMethod: 1, status: 1 }).sort({ nameKey: 1, _id: 1 }), scope).lean();
}

