import { expect } from 'vitest';
import type { Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { FIGURE_FIELDS, NO_FIGURES, figuresOf } from '../figures/kept-figures.js';
import { recountFigures } from '../overview/figure-reconciliation.js';
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
