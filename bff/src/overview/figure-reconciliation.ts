import type { Model, Types } from 'mongoose';
import { Customer } from '../customers/customer.model.js';
import { Distributor } from '../distributors/distributor.model.js';
import { FIGURE_FIELDS, NO_FIGURES, figuresOf, type FigureField, type Figures } from '../figures/kept-figures.js';
import { sweepWaitingDeltas } from '../figures/figure-sources.js';
import { ORDER_STATUS_FIGURE } from '../orders/order-figures.js';
import { Order } from '../orders/order.model.js';
import { creditStandingFields } from '../invoices/invoice-figures.js';
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
  /** A customer's credit fields as read, and its revision (a credit terms change moves both). */
  credit?: CreditStandingFields;
  revision?: number | null;
}

type Counted = Map<string, Figures>;
const add = (counted: Counted, id: Types.ObjectId, field: FigureField, n: number) => {
  const key = id.toHexString();
  const figures = counted.get(key) ?? { ...NO_FIGURES };
  figures[field] += n;
  counted.set(key, figures);
};

/**
 * A recount reads every order of the tree: at a million orders on two busy cores that takes longer
 * than a screen's read may (30 s), and it is a background job that nobody waits for.
 */
const RECOUNT_TIME_MS = 15 * 60_000;

/** What every figure of one distributor's tree should be, counted from its customers and orders. */
export async function recountFigures(scope: Scope): Promise<Counted> {
  const counted: Counted = new Map();
  const group = <T>(model: typeof Customer | typeof Order, match: Record<string, unknown>, by: string, value: 1 | string) =>
    scoped(model.aggregate<{ _id: Types.ObjectId; n: number } & T>([{ $match: match }, { $group: { _id: `$${by}`, n: { $sum: value === 1 ? 1 : `$${value}` } } }]).option({ maxTimeMS: RECOUNT_TIME_MS }), scope);
  const perReseller: [FigureField, Promise<{ _id: Types.ObjectId; n: number }[]>][] = [
    ['customers', group(Customer, {}, 'resellerId', 1)],
    ['activeCustomers', group(Customer, { active: true }, 'resellerId', 1)],
    ['transactingCustomers', group(Customer, { monthlyRunRateCents: { $gt: 0 } }, 'resellerId', 1)],
    // Its own $group: FerretDB 1.24 answers 0 for a field's $sum beside another accumulator.
    ['runRateCents', group(Customer, { monthlyRunRateCents: { $gt: 0 } }, 'resellerId', 'monthlyRunRateCents')],
  ];
  // What is open on a customer's issued invoices: its own balance and its reseller's.
  const balances = scoped(
    Invoice.aggregate<{ _id: Types.ObjectId; n: number }>([{ $match: { kind: 'invoice', announced: true } }, { $group: { _id: '$customerId', n: { $sum: '$openCents' } } }]).option({ maxTimeMS: RECOUNT_TIME_MS }),
    scope,
  );
  const perCustomerStatus = Object.entries(ORDER_STATUS_FIGURE).map(([status, field]) => [field, group(Order, { status }, 'customerId', 1)] as const);
  // One after another: each reads the whole tree's orders, and side by side they starve each other
  // (and every other read of the process) of the machine.
  const orderGroups: (readonly [FigureField, { _id: Types.ObjectId; n: number }[]])[] = [];
  for (const [field, rows] of [...perCustomerStatus, ['balanceCents' as const, balances] as const]) orderGroups.push([field, await rows] as const);
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

/** What the customers grid's credit filters read (invoices/invoice-figures.ts), as kept or as recounted. */
export interface CreditStandingFields {
  creditLimited: boolean;
  creditHeadroomCents: number;
  oldestDueAt: Date | null;
}

/** Each customer's credit fields recounted: its limit, its balance as counted, its open invoices' oldest due date. */
export async function recountCreditStanding(scope: Scope, counted: Counted): Promise<Map<string, CreditStandingFields>> {
  const [customers, open] = await Promise.all([
    scoped(Customer.find({}, { creditTerms: 1 }), scope).lean(),
    scoped(Invoice.find({ kind: 'invoice', announced: true, openCents: { $gt: 0 } }, { customerId: 1, dueAt: 1 }), scope).lean(),
  ]);
  const oldest = new Map<string, number>();
  for (const i of open) {
    if (!i.dueAt) continue;
    const key = i.customerId.toHexString();
    oldest.set(key, Math.min(oldest.get(key) ?? Infinity, i.dueAt.getTime()));
  }
  return new Map(customers.map((c) => [c._id.toHexString(), creditStandingFields(c, counted.get(c._id.toHexString())?.balanceCents ?? 0, oldest.get(c._id.toHexString()) ?? null)]));
}

/** The credit fields as kept on a customer (missing ones as a customer without limit or open invoices). */
export const keptCreditStanding = (c: { creditLimited?: boolean | null; creditHeadroomCents?: number | null; oldestDueAt?: Date | null }): CreditStandingFields => ({
  creditLimited: c.creditLimited ?? false,
  creditHeadroomCents: c.creditHeadroomCents ?? 0,
  oldestDueAt: c.oldestDueAt ?? null,
});

const sameCredit = (a: CreditStandingFields, b: CreditStandingFields) =>
  a.creditLimited === b.creditLimited && a.creditHeadroomCents === b.creditHeadroomCents && (a.oldestDueAt?.getTime() ?? null) === (b.oldestDueAt?.getTime() ?? null);

/** The figures as kept now on every target of the tree, with their versions. */
async function keptFigures(scope: Scope): Promise<Kept[]> {
  const read = async (model: TargetModel) => {
    const credit = model === Customer ? { revision: 1, creditLimited: 1, creditHeadroomCents: 1, oldestDueAt: 1 } : {};
    const docs = (await scoped(model.find({}, { keptFigures: 1, ...credit }), scope).lean()) as ({ _id: Types.ObjectId; keptFigures?: { version?: number }; revision?: number } & Parameters<typeof keptCreditStanding>[0])[];
    return docs.map((d) => ({
      model,
      id: d._id,
      figures: figuresOf(d),
      version: d.keptFigures?.version ?? null,
      ...(model === Customer ? { credit: keptCreditStanding(d), revision: d.revision ?? null } : {}),
    }));
  };
  return (await Promise.all([read(Distributor), read(Reseller), read(Customer)])).flat();
}

const sameFigures = (a: Figures, b: Figures) => FIGURE_FIELDS.every((f) => a[f] === b[f]);

/** Recounts one distributor's tree and repairs what differs (see the top of this file). */
export async function reconcileDistributor(distributorId: Types.ObjectId): Promise<ReconcileReport> {
  const scope = systemScope({ distributorId });
  const kept = await keptFigures(scope);
  const counted = await recountFigures(scope);
  const credit = await recountCreditStanding(scope, counted);
  await sweepWaitingDeltas();
  const report: ReconcileReport = { checked: kept.length, repaired: 0, busy: 0 };
  // A distributor or reseller never counted (version 0 or none) is written even when it agrees, so
  // the start-up check finds it counted; a customer only when it differs (a large tenant has many).
  const neverCounted = (k: Kept) => k.version === null || (k.version === 0 && k.model !== Customer);
  const creditWanted = (k: Kept) => (k.credit ? credit.get(k.id.toHexString()) : undefined);
  const repairs = kept.filter((k) => {
    const wanted = creditWanted(k);
    return !sameFigures(k.figures, counted.get(k.id.toHexString()) ?? NO_FIGURES) || neverCounted(k) || (wanted && !sameCredit(k.credit!, wanted));
  });
  // One conditional write per document, a few at a time: on FerretDB a write naming only `_id` plus
  // conditions is a key lookup (db/serialised-writes.ts), where a bulk of them reads whole tables.
  let next = 0;
  const worker = async () => {
    while (next < repairs.length) {
      const k = repairs[next++]!;
      const want = counted.get(k.id.toHexString()) ?? NO_FIGURES;
      const set: Record<string, unknown> = Object.fromEntries(FIGURE_FIELDS.map((f) => [`keptFigures.${f}`, want[f]]));
      // A customer's credit fields too, while its terms are the ones read (its revision).
      const wanted = creditWanted(k);
      if (wanted) Object.assign(set, wanted);
      const unchanged = wanted ? { revision: k.revision } : {};
      // The driver's own write, as the seeds write: a system job across the tenant's documents.
      const res = await k.model.collection.updateOne({ _id: k.id, 'keptFigures.version': k.version, ...unchanged }, { $set: { ...set, 'keptFigures.version': (k.version ?? 0) + 1 } });
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
