import type { Types } from 'mongoose';
import type { OrderStatus } from '@app/shared';
import { customerFigureTargets, customerShare } from '../customers/customer-figures.js';
import { FIGURE_FIELDS, NO_FIGURES, type FigureDelta, type FigureTarget, type Figures } from '../figures/kept-figures.js';
import { creditStandingFields, invoiceFigureTargets } from '../invoices/invoice-figures.js';
import { orderFigureTargets, orderStatusDelta } from '../orders/order-figures.js';

/**
 * The kept figures of a data set about to be inserted in bulk, added up in memory from the same
 * deltas the application's writes push (a customer's share, an order placed in its status) onto
 * the same targets: the demo data arrives counted, instead of paying a recount and one repair write
 * per document on every load (every test file loads it). The reconciliation test recounts a loaded
 * set from the database and finds nothing to repair.
 */
export function withSeededFigures(data: {
  distributors: Record<string, unknown>[];
  resellers: Record<string, unknown>[];
  customers: { _id: Types.ObjectId; resellerId: Types.ObjectId; distributorId: Types.ObjectId; active: boolean; monthlyRunRateCents: number }[];
  orders: { customerId: Types.ObjectId; resellerId: Types.ObjectId; distributorId: Types.ObjectId; status: string }[];
  invoices?: Record<string, unknown>[];
}): void {
  const figures = new Map<string, Figures>();
  const add = (targets: FigureTarget[], delta: FigureDelta) => {
    for (const t of targets) {
      const key = t.id.toHexString();
      const f = figures.get(key) ?? { ...NO_FIGURES };
      for (const field of FIGURE_FIELDS) f[field] += delta[field] ?? 0;
      figures.set(key, f);
    }
  };
  for (const c of data.customers) add(customerFigureTargets(c), customerShare(c));
  for (const o of data.orders) add(orderFigureTargets(o), orderStatusDelta(null, o.status as OrderStatus));
  // What is open on each issued invoice is its customer's balance (invoices/), and its reseller's and distributor's.
  for (const i of data.invoices ?? []) if (i.kind === 'invoice') add(invoiceFigureTargets(i), { balanceCents: i.openCents as number });
  for (const doc of [...data.distributors, ...data.resellers, ...data.customers] as { _id: Types.ObjectId; keptFigures?: unknown }[]) {
    doc.keptFigures = { ...(figures.get(doc._id.toHexString()) ?? NO_FIGURES), version: 1 };
  }
  // What the customers grid's credit filters read (invoices/invoice-figures.ts), from the same invoices.
  const oldestDue = new Map<string, number>();
  for (const i of data.invoices ?? []) {
    if (i.kind !== 'invoice' || !((i.openCents as number) > 0) || !(i.dueAt instanceof Date)) continue;
    const key = String(i.customerId);
    oldestDue.set(key, Math.min(oldestDue.get(key) ?? Infinity, i.dueAt.getTime()));
  }
  for (const c of data.customers as (Record<string, unknown> & { _id: Types.ObjectId })[]) {
    Object.assign(c, creditStandingFields(c, figures.get(c._id.toHexString())?.balanceCents ?? 0, oldestDue.get(c._id.toHexString()) ?? null));
  }
}
