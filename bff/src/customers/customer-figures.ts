import type { Types } from 'mongoose';
import { Distributor } from '../distributors/distributor.model.js';
import type { FigureDelta, FigureTarget } from '../figures/kept-figures.js';
import { Reseller } from '../resellers/reseller.model.js';

/** What a customer as it is now adds to its reseller's and distributor's figures (its share). */
export function customerShare(c: { active: boolean; monthlyRunRateCents: number }): FigureDelta {
  return { customers: 1, activeCustomers: c.active ? 1 : 0, transactingCustomers: c.monthlyRunRateCents > 0 ? 1 : 0, runRateCents: c.monthlyRunRateCents };
}

/** The change of a customer's share between two of its states. */
export function customerShareDelta(before: { active: boolean; monthlyRunRateCents: number }, after: { active: boolean; monthlyRunRateCents: number }): FigureDelta {
  const a = customerShare(before);
  const b = customerShare(after);
  return Object.fromEntries(Object.keys(b).map((k) => [k, (b[k as keyof FigureDelta] ?? 0) - (a[k as keyof FigureDelta] ?? 0)]));
}

/** A customer's share is kept for its reseller and its distributor. */
export function customerFigureTargets(customer: Record<string, unknown>): FigureTarget[] {
  return [
    { model: Reseller, id: customer.resellerId as Types.ObjectId },
    { model: Distributor, id: customer.distributorId as Types.ObjectId },
  ];
}
