import type { Model, Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { FIGURE_FIELDS, NO_FIGURES, figuresOf, type FigureField, type Figures } from '../figures/kept-figures.js';
import { sweepWaitingDeltas } from '../figures/figure-sources.js';
import { ORDER_STATUS_FIGURE } from '../orders/order-figures.js';
import { Order } from '../orders/order.model.js';
import { Invoice } from '../invoices/invoice.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { systemScope, type Scope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';

/*
 * The kept figures recounted from the documents themselves, and repaired where they differ: after
 * a bulk seed (which writes no deltas), for data stored before figures were kept, and on demand
 * (`pnpm --filter @app/bff figures:reconcile`) as a check. Safe alongside live writes: each target
 * is replaced only while its version is still the one read before the recount, and every delta
 * waiting anywhere is added in between, so a change that landed during the recount moves the
 * version and that target is left alone (counted as busy; run it again).
 */

export interface ReconcileReport {
  /** Figure documents compared (customers, resellers, distributors). */
  checked: number;
  /** Of those, how many differed from the recount and were replaced. */
  repaired: number;
  /** Differed, but changed during the recount: left as they are. */
  busy: number;
}

type TargetModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Kept {
  model: TargetModel;
  id: Types.ObjectId;
  figures: Figures;
  /** The stored version as read, null when the document has none yet. */
  version: number | null;
}

type Counted = Map<string, Figures>;
const add = (counted: Counted, id: Types.ObjectId, field: FigureField, n: number) => {
  const key = id.toHexString();
  const figures = counted.get(key) ?? { ...NO_FIGURES };
  figures[field] += n;
  counted.set(key, figures);
};

/** What every figure of one distributor's tree should be, counted from its customers and orders. */
export async function recountFigures(scope: Scope): Promise<Counted> {
  const counted: Counted = new Map();
  const group = <T>(model: typeof Customer | typeof Order, match: Record<string, unknown>, by: string, value: 1 | string) =>
    scoped(model.aggregate<{ _id: Types.ObjectId; n: number } & T>([{ $match: match }, { $group: { _id: `$${by}`, n: { $sum: value === 1 ? 1 : `$${value}` } } }]), scope);
  const perReseller: [FigureField, Promise<{ _id: Types.ObjectId; n: number }[]>][] = [
    ['customers', group(Customer, {}, 'resellerId', 1)],
    ['activeCustomers', group(Customer, { active: true }, 'resellerId', 1)],
    ['transactingCustomers', group(Customer, { monthlyRunRateCents: { $gt: 0 } }, 'resellerId', 1)],
    // Its own $group: FerretDB 1.24 answers 0 for a field's $sum beside another accumulator.
    ['runRateCents', group(Customer, { monthlyRunRateCents: { $gt: 0 } }, 'resellerId', 'monthlyRunRateCents')],
  ];
  // What is open on a customer's issued invoices: its own balance and its reseller's.
  const balances = scoped(
    Invoice.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { kind: 'invoice', announced: true } }, { $group: { _id: '$customerId', n: { $sum: '$openCents' } } }]),
    scope,
  );
  const perCustomerStatus = Object.entries(ORDER_STATUS_FIGURE).map(([status, field]) => [field, group(Order, { status }, 'customerId', 1)] as const);
  const orderGroups = await Promise.all([...perCustomerStatus, ['balanceCents' as const, balances] as const].map(async ([field, rows]) => [field, await rows] as const));
  for (const [field, rows] of perReseller) for (const r of await rows) add(counted, r._id, field, r.n);
  // A customer's order counts are its own and its reseller's (the customer knows its reseller).
  const resellerOf = new Map(
    (await scoped(Customer.find({}, { resellerId: 1 }), scope).lean()).map((c) => [c._id.toHexString(), c.resellerId]),
  );
  for (const [field, rows] of orderGroups) {
    for (const r of rows) {
      add(counted, r._id, field, r.n);
      const resellerId = resellerOf.get(r._id.toHexString());
      if (resellerId) add(counted, resellerId, field, r.n);
    }
  }
  // The distributor's: everything below it.
  const total = { ...NO_FIGURES };
  for (const [key, figures] of counted) {
    if (!resellerOf.has(key)) for (const f of FIGURE_FIELDS) total[f] += figures[f];
  }
  counted.set(scope.distributorId.toHexString(), total);
  return counted;
}

/** The figures as kept now on every target of the tree, with their versions. */
async function keptFigures(scope: Scope): Promise<Kept[]> {
  const read = async (model: TargetModel) => {
    const docs = (await scoped(model.find({}, { keptFigures: 1 }), scope).lean()) as { _id: Types.ObjectId; keptFigures?: { version?: number } }[];
    return docs.map((d) => ({ model, id: d._id, figures: figuresOf(d), version: d.keptFigures?.version ?? null }));
  };
  return (await Promise.all([read(Distributor), read(Reseller), read(Customer)])).flat();
}

const sameFigures = (a: Figures, b: Figures) => FIGURE_FIELDS.every((f) => a[f] === b[f]);

/** Recounts one distributor's tree and repairs what differs (see the top of this file). */
export async function reconcileDistributor(distributorId: Types.ObjectId): Promise<ReconcileReport> {
  const scope = systemScope({ distributorId });
  const kept = await keptFigures(scope);
  const counted = await recountFigures(scope);
  await sweepWaitingDeltas();
  const report: ReconcileReport = { checked: kept.length, repaired: 0, busy: 0 };
  // A distributor or reseller never counted (version 0 or none) is written even when it agrees, so
  // the start-up check finds it counted; a customer only when it differs (a large tenant has many).
  const neverCounted = (k: Kept) => k.version === null || (k.version === 0 && k.model !== Customer);
  const repairs = kept.filter((k) => !sameFigures(k.figures, counted.get(k.id.toHexString()) ?? NO_FIGURES) || neverCounted(k));
  // One conditional write per document, a few at a time: on FerretDB a write naming only `_id` plus
  // conditions is a key lookup (db/serialised-writes.ts), where a bulk of them reads whole tables.
  let next = 0;
  const worker = async () => {
    while (next < repairs.length) {
      const k = repairs[next++]!;
      const want = counted.get(k.id.toHexString()) ?? NO_FIGURES;
      const set = Object.fromEntries(FIGURE_FIELDS.map((f) => [`keptFigures.${f}`, want[f]]));
      // The driver's own write, as the seeds write: a system job across the tenant's documents.
      const res = await k.model.collection.updateOne({ _id: k.id, 'keptFigures.version': k.version }, { $set: { ...set, 'keptFigures.version': (k.version ?? 0) + 1 } });
      if (res.modifiedCount === 1) report.repaired += 1;
      else report.busy += 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return report;
}

/** Every distributor's tree (or one), recounted and repaired. */
export async function reconcileFigures(opts: { distributorId?: Types.ObjectId } = {}): Promise<ReconcileReport> {
  const ids = opts.distributorId
    ? [opts.distributorId]
    : (await unsafeUnscoped(Distributor.find({}, { _id: 1 }), 'figures: every distributor to reconcile').lean()).map((d) => d._id);
  const report: ReconcileReport = { checked: 0, repaired: 0, busy: 0 };
  for (const id of ids) {
    const one = await reconcileDistributor(id);
    report.checked += one.checked;
    report.repaired += one.repaired;
    report.busy += one.busy;
  }
  return report;
}

/**
 * Distributors whose figures were never counted (data stored before figures were kept, or loaded
 * by a seed that did not reconcile): a key read of the few distributor documents, done at start.
 */
export async function reconcileUncountedFigures(): Promise<ReconcileReport | null> {
  const uncounted = await unsafeUnscoped(Distributor.find({ 'keptFigures.version': { $in: [null, 0] } }, { _id: 1 }), 'figures: distributors never counted').lean();
  if (uncounted.length === 0) return null;
  const report: ReconcileReport = { checked: 0, repaired: 0, busy: 0 };
  for (const { _id } of uncounted) {
    const one = await reconcileDistributor(_id);
    report.checked += one.checked;
    report.repaired += one.repaired;
    report.busy += one.busy;
  }
  return report;
}
