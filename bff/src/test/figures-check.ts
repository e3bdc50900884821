import { expect } from 'vitest';
import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { FIGURE_FIELDS, NO_FIGURES, figuresOf } from '../figures/kept-figures.js';
import { keptCreditStanding, recountCreditStanding, recountFigures } from '../overview/figure-reconciliation.js';
import { Reseller } from '../resellers/reseller.model.js';
import { systemScope } from '../tenancy/scope.js';

/** Every kept figure of the distributor's tree (its own, each reseller's, each customer's) equals a recount. */
export async function expectFiguresEqualRecount(distributorId: Types.ObjectId): Promise<void> {
  const counted = await recountFigures(systemScope({ distributorId }));
  const docs = [
    ...(await Distributor.collection.find({ _id: distributorId }).toArray()),
    ...(await Reseller.collection.find({ distributorId }).toArray()),
    ...(await Customer.collection.find({ distributorId }).toArray()),
  ];
  const wrong: string[] = [];
  for (const doc of docs) {
    const kept = figuresOf(doc);
    const want = counted.get(String(doc._id)) ?? NO_FIGURES;
    for (const f of FIGURE_FIELDS) if (kept[f] !== want[f]) wrong.push(`${String(doc._id)} ${f}: kept ${kept[f]}, counted ${want[f]}`);
  }
  expect(wrong).toEqual([]);
  expect(docs.length).toBeGreaterThan(1);
}

/** Every customer's kept credit fields (the grid's overdue and over-limit filters) equal a recount from its invoices and terms. */
export async function expectCreditStandingEqualsRecount(distributorId: Types.ObjectId): Promise<void> {
  const scope = systemScope({ distributorId });
  const counted = await recountCreditStanding(scope, await recountFigures(scope));
  const customers = await Customer.collection.find({ distributorId }).toArray();
  const wrong: string[] = [];
  for (const c of customers) {
    const kept = keptCreditStanding(c as never);
    const want = counted.get(String(c._id));
    const show = (s: typeof kept | undefined) => JSON.stringify(s && { ...s, oldestDueAt: s.oldestDueAt?.toISOString() ?? null });
    if (show(kept) !== show(want)) wrong.push(`${String(c._id)}: kept ${show(kept)}, counted ${show(want)}`);
  }
  expect(wrong).toEqual([]);
  expect(customers.length).toBeGreaterThan(1);
}
