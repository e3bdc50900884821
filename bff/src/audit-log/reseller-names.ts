import type { Types } from 'mongoose';
import { Reseller } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/** Reseller id (hex) → its name now; events keep the id, so a renamed reseller shows by its new name. */
export type ResellerNames = ReadonlyMap<string, string>;

/** The names of the resellers a page of events belongs to (one query, inside the caller's subtree). */
export async function resellerNamesOf(scope: Scope, ids: Iterable<Types.ObjectId | null | undefined>): Promise<ResellerNames> {
  const wanted = [...new Map([...ids].filter((id): id is Types.ObjectId => Boolean(id)).map((id) => [id.toHexString(), id])).values()];
  if (wanted.length === 0) return new Map();
  const rows = await scoped(Reseller.find({ _id: { $in: wanted } }, { name: 1 }), scope).lean();
  return new Map(rows.map((r) => [r._id.toHexString(), r.name]));
}

/** Every reseller name in the caller's subtree: an export streams events of any of them (a distributor has hundreds at most). */
export async function allResellerNames(scope: Scope): Promise<ResellerNames> {
  const rows = await scoped(Reseller.find({}, { name: 1 }), scope).lean();
  return new Map(rows.map((r) => [r._id.toHexString(), r.name]));
}
