import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Distributor } from './distributor.model.js';

/** The distributor's currency, in which every price and run rate of its subtree is shown. */
export async function currencyOf(scope: Scope): Promise<string> {
  const distributor = await scoped(Distributor.findById(scope.distributorId, { currency: 1 }), scope).lean();
  return distributor?.currency ?? 'EUR';
}
