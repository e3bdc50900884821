import mongoose, { Schema, Types, type Model } from 'mongoose';
import { inTurn } from '../lib/in-turn.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

/*
 * Figures kept as the application writes (counts per status, run-rate sums), so a home page or a
 * grid column reads one document instead of recounting a tenant. Neither MongoDB nor FerretDB is
 * asked for a transaction, so a change and the figures it moves cannot be one write. Instead:
 *
 * 1. The change's own atomic write pushes a *delta marker* onto the changed document
 *    (`pendingFigures`: an id and the amounts to add), like the audit outbox does with events.
 * 2. A follow-up adds the marker's amounts to each *target* (the customer, reseller and
 *    distributor documents holding `keptFigures`) with one conditional `$inc` per target, which
 *    also records the marker's tag in the target's `figuresApplied`: a second attempt, from any
 *    process, finds the tag and adds nothing.
 * 3. Once every target has it, the marker is pulled off the changed document.
 * 4. Tags whose markers are gone are pruned from a target now and then. A follower that read the
 *    marker before it was pulled could otherwise add it again after its tag was pruned; so a
 *    target carries an epoch that every prune moves on, and a follower reads the epoch *before*
 *    it checks that the marker still waits, and adds only while the epoch is the one it read.
 *
 * A crash anywhere leaves the marker waiting; the next change of that document or the start-up
 * sweep finishes it. Every step is a single-document conditional write, so it holds on MongoDB as
 * on FerretDB (where the data layer serialises writes per document).
 */

/** The kept figures of a customer, a reseller or a distributor (what is below it). */
export const FIGURE_FIELDS = [
  'customers',
  'activeCustomers',
  'transactingCustomers',
  'runRateCents',
  'pendingApproval',
  'inProgress',
  'executed',
  'canceled',
  'pendingCompanyApproval',
  /** What is open on issued invoices (invoices/): total − credited − paid, in minor units. */
  'balanceCents',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type Figures = Record<FigureField, number>;
/** Amounts to add to some of the figures. */
export type FigureDelta = Partial<Figures>;

export const NO_FIGURES: Figures = Object.fromEntries(FIGURE_FIELDS.map((f) => [f, 0])) as Figures;

/** What a target document stores: the figures and a version every applied delta moves on. */
export type KeptFigures = Figures & { version: number };

export interface DeltaMarker {
  id: Types.ObjectId;
  inc: FigureDelta;
}

/** A document holding figures, named by model and _id. */
export interface FigureTarget {
  model: AnyModel;
  id: Types.ObjectId;
  /** Fields of the target that move with a delta (`$inc`, in the same write as the figures). */
  alsoInc?: (inc: FigureDelta) => Record<string, number>;
  /**
   * Fields of the target read back from the sources (the customer's oldest open due date), for a
   * delta that touches them: read after the target's version, and `$set` in the same write as the
   * figures, which then lands only while that version stands (else it is read again). So the last
   * delta added recomputed them after every source write whose delta came before it.
   */
  recompute?: (inc: FigureDelta) => Promise<Record<string, unknown> | null>;
}

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SOURCE_OPTION = 'figureSource';

/** Gives a collection whose changes move figures its `pendingFigures` marker list, and enters it in the sweep. */
export function figureSourcePlugin(schema: Schema): void {
  schema.add({ pendingFigures: { type: [Schema.Types.Mixed], default: undefined } });
  schema.set(SOURCE_OPTION as never, true as never);
}

/**
 * Gives a collection its kept figures. Defaults are zero, so a new reseller sorts with the others
 * at once; documents stored before are given theirs by `reconcileFigures`.
 */
export function figureTargetPlugin(schema: Schema): void {
  const figures: Record<string, unknown> = { version: { type: Number, default: 0 } };
  for (const f of FIGURE_FIELDS) figures[f] = { type: Number, default: 0 };
  schema.add({
    keptFigures: figures,
    figuresApplied: { type: [String], default: undefined },
    figuresEpoch: { type: Number, default: undefined },
  });
}

/** The marker of a delta, or null when it adds nothing. */
export function deltaMarker(inc: FigureDelta): DeltaMarker | null {
  const nonZero = Object.fromEntries(Object.entries(inc).filter(([, v]) => v !== 0)) as FigureDelta;
  return Object.keys(nonZero).length === 0 ? null : { id: new Types.ObjectId(), inc: nonZero };
}

/** A new document's markers: `{ ...fields, ...withFigureDelta(inc) }`. */
export const withFigureDelta = (inc: FigureDelta) => {
  const marker = deltaMarker(inc);
  return marker ? { pendingFigures: [marker] } : {};
};

/** The `$push` entry that puts a delta on the document being changed (merge into the write's `$push`). */
export const pushFigureDelta = (inc: FigureDelta): { pendingFigures?: DeltaMarker } => {
  const marker = deltaMarker(inc);
  return marker ? { pendingFigures: marker } : {};
};

/** Moves one status's count to another: the delta of an order's status change (or creation, `from` null). */
export function statusDelta(field: (status: string) => FigureField, from: string | null, to: string): FigureDelta {
  if (from === to) return {};
  const delta: FigureDelta = { [field(to)]: 1 };
  if (from) delta[field(from)] = -1;
  return delta;
}

/** Reads a target's figures, missing fields as 0 (documents stored before figures were kept). */
export function figuresOf(doc: object | null | undefined): KeptFigures {
  const kept = (doc as { keptFigures?: Partial<KeptFigures> | null } | null | undefined)?.keptFigures ?? {};
  return { ...NO_FIGURES, version: 0, ...Object.fromEntries(Object.entries(kept).filter(([, v]) => typeof v === 'number')) } as KeptFigures;
}

const tagOf = (source: AnyModel, sourceId: Types.ObjectId, marker: DeltaMarker) =>
  `${String(marker.id)}:${source.modelName}:${sourceId.toHexString()}`;

/** Prune a target's tags once it holds this many. */
const PRUNE_AT = 16;
const noTimestamps = { timestamps: false } as const;

async function markerWaits(source: AnyModel, sourceId: Types.ObjectId, markerId: Types.ObjectId): Promise<boolean> {
  const doc = await unsafeUnscoped(source.findOne({ _id: sourceId, 'pendingFigures.id': markerId }, { _id: 1 }), 'figures: does a delta still wait').lean();
  return doc !== null;
}

/**
 * Adds one marker to one target, at most once whoever else tries (see the top of this file). The
 * callers of one target in this process take turns: the write is conditional on the target's epoch
 * (and version), so racers would otherwise fail each other's writes and read again, round after
 * round — a tenant's figures are one document that every change of the tenant moves.
 */
const applyOnce = (target: FigureTarget, source: AnyModel, sourceId: Types.ObjectId, marker: DeltaMarker) =>
  inTurn(`figures:${target.model.modelName}:${target.id.toHexString()}`, () => applyInTurn(target, source, sourceId, marker));

async function applyInTurn(target: FigureTarget, source: AnyModel, sourceId: Types.ObjectId, marker: DeltaMarker): Promise<void> {
  const tag = tagOf(source, sourceId, marker);
  for (;;) {
    // The whole keptFigures (a few numbers), not 'keptFigures.version': a dotted projection is not
    // served by the SQL reads, and this read is on every figure delta's path.
    const doc = (await unsafeUnscoped(target.model.findById(target.id, { figuresEpoch: 1, figuresApplied: 1, keptFigures: 1 }), 'figures: a target’s epoch').lean()) as {
      figuresEpoch?: number;
      figuresApplied?: string[];
      keptFigures?: { version?: number };
    } | null;
    if (!doc || doc.figuresApplied?.includes(tag)) return;
    // After reading the epoch: a marker pulled since was added by someone else.
    if (!(await markerWaits(source, sourceId, marker.id))) return;
    const inc: Record<string, number> = { 'keptFigures.version': 1, ...target.alsoInc?.(marker.inc) };
    for (const [field, n] of Object.entries(marker.inc)) inc[`keptFigures.${field}`] = n;
    // Read after the version: the write below lands only while no other delta came in between.
    const set = (await target.recompute?.(marker.inc)) ?? null;
    const res = await unsafeUnscoped(
      target.model.updateOne(
        { _id: target.id, figuresEpoch: doc.figuresEpoch ?? null, figuresApplied: { $ne: tag }, ...(set ? { 'keptFigures.version': doc.keptFigures?.version ?? null } : {}) },
        { $inc: inc, $push: { figuresApplied: tag }, ...(set ? { $set: set } : {}) },
        noTimestamps,
      ),
      'figures: adding a delta',
    );
    if (res.modifiedCount === 1) {
      if ((doc.figuresApplied?.length ?? 0) + 1 >= PRUNE_AT) await pruneTags(target);
      return;
    }
  }
}

/** Drops the tags of markers that no longer wait anywhere; moves the epoch on (see the top). */
async function pruneTags(target: FigureTarget): Promise<void> {
  const doc = (await unsafeUnscoped(target.model.findById(target.id, { figuresEpoch: 1, figuresApplied: 1 }), 'figures: a target’s tags').lean()) as {
    figuresEpoch?: number;
    figuresApplied?: string[];
  } | null;
  if (!doc?.figuresApplied?.length) return;
  const gone: string[] = [];
  for (const tag of doc.figuresApplied) {
    const [markerId, modelName, sourceId] = tag.split(':');
    const source = mongoose.models[modelName!] as AnyModel | undefined;
    if (!source || !(await markerWaits(source, new Types.ObjectId(sourceId), new Types.ObjectId(markerId)))) gone.push(tag);
  }
  if (gone.length === 0) return;
  // A lost race (another prune, or an add) leaves the tags for the next prune.
  await unsafeUnscoped(
    target.model.updateOne({ _id: target.id, figuresEpoch: doc.figuresEpoch ?? null }, { $pullAll: { figuresApplied: gone }, $inc: { figuresEpoch: 1 } }, noTimestamps),
    'figures: pruning applied tags',
  );
}

/**
 * Adds every delta waiting on document `id` of `source` to its targets, then pulls the markers.
 * Idempotent and safe alongside any number of callers for the same document, in any process.
 */
export async function settleFigures(source: AnyModel, id: Types.ObjectId, targetsOf: (doc: Record<string, unknown>) => FigureTarget[]): Promise<number> {
  // Only what names the targets: the rest of the document is not needed here.
  const doc = (await unsafeUnscoped(
    source.findById(id, { pendingFigures: 1, distributorId: 1, resellerId: 1, customerId: 1 }),
    'figures: deltas waiting on a changed document',
  ).lean()) as Record<string, unknown> | null;
  const markers = (doc?.pendingFigures as DeltaMarker[] | undefined) ?? [];
  if (!doc || markers.length === 0) return 0;
  const targets = targetsOf(doc);
  for (const marker of markers) {
    for (const target of targets) await applyOnce(target, source, id, marker);
    // By exact value, as read (FerretDB 1.x takes $pullAll, not $pull with a condition).
    await unsafeUnscoped(source.updateOne({ _id: id }, { $pullAll: { pendingFigures: [marker] } }, noTimestamps), 'figures: a delta added everywhere');
  }
  return markers.length;
}

/** Every registered model whose changes carry figure deltas. */
export function figureSourceModels(): AnyModel[] {
  return mongoose
    .modelNames()
    .map((name) => mongoose.model(name) as AnyModel)
    .filter((model) => model.schema.get(SOURCE_OPTION as never) === true);
}

/** The ids of a model's documents with deltas waiting (a crash, a failed follow-up, or in flight). */
export async function documentsWithWaitingDeltas(model: AnyModel): Promise<Types.ObjectId[]> {
  const docs = await unsafeUnscoped(model.find({ 'pendingFigures.0': { $exists: true } }, { _id: 1 }), 'figures: sweep of waiting deltas').lean();
  return (docs as { _id: Types.ObjectId }[]).map((d) => d._id);
}
