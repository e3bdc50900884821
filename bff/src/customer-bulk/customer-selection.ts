import { Types } from 'mongoose';
import { CUSTOMER_BULK_LIMIT, type CustomerBulkFilter, type CustomerSelection } from '@app/shared';
import { customerViewFilter } from '../customers/customer-list.js';
import { Customer } from '../customers/customer.model.js';
import { conflict, validationFailed } from '../errors/app-error.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

const plural = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'customer' : 'customers'}`;

/** The ids of the customers a filter matches inside the scope, by name (the grid's order), one more than the limit at most. */
async function matching(scope: Scope, filter: CustomerBulkFilter): Promise<string[]> {
  const found = await scoped(Customer.find(await customerViewFilter(filter, scope), { _id: 1 }).sort({ nameKey: 1, _id: 1 }).limit(CUSTOMER_BULK_LIMIT + 1), scope).lean();
  return found.map((c) => String(c._id));
}

/** How many customers a filter matches now (what the person is asked to confirm), capped just above the limit. */
export async function countSelection(scope: Scope, filter: CustomerBulkFilter) {
  return { count: (await matching(scope, filter)).length, limit: CUSTOMER_BULK_LIMIT };
}

/**
 * The customer ids a selection names. Picked ids are taken as sent (each is looked up under the
 * scope when decided, so another tenant's is "not found"); a filter is resolved here, under the
 * scope, and must still match the count the person confirmed.
 */
export async function resolveSelection(scope: Scope, selection: CustomerSelection): Promise<string[]> {
  if (selection.kind === 'ids') return [...new Set(selection.ids)].filter((id) => Types.ObjectId.isValid(id));
  const ids = await matching(scope, selection.filter);
  if (ids.length > CUSTOMER_BULK_LIMIT) {
    throw validationFailed({ selection: `At most ${plural(CUSTOMER_BULK_LIMIT)} at once` }, `This filter matches more than ${plural(CUSTOMER_BULK_LIMIT)}; narrow it down and try again.`);
  }
  if (ids.length !== selection.confirmedCount) {
    throw conflict(`The filter now matches ${plural(ids.length)}, not the ${plural(selection.confirmedCount)} you confirmed. Nothing was changed; check and confirm again.`, 'conflict', {
      confirmedCount: String(ids.length),
    });
  }
  return ids;
}
