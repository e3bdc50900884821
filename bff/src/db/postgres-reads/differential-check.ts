import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { noteMismatch } from './read-stats.js';

/**
 * Proof while the test suite runs: every answer the SQL serves is compared with FerretDB's answer
 * to the same call (the driver's own method, with this layer out of the way), and a difference
 * fails the read, so the test that made it fails, and is written down for the check after the
 * run (test/query-shapes.check.ts). Racing tests change data between the two reads, so a
 * difference is read again, both ways, before it counts (settle).
 *
 * What FerretDB v1.24.2 itself answers wrongly is written in KNOWN_FERRETDB_BUGS and not compared;
 * the generated differential test (postgres-reads.test.ts) checks those against MongoDB's
 * documented semantics instead.
 */

type Doc = Record<string, unknown>;

/** On under the test suite; a test that compares with FerretDB itself turns it off (POSTGRES_READS_DIFFERENTIAL=off). */
export const differential = () => Boolean(process.env.VITEST) && process.env.POSTGRES_READS_DIFFERENTIAL !== 'off';

/**
 * Each shape of call (collection, operation, the filter's operators and fields with the values'
 * types, sort, projection, paging) is compared on its first SHAPE_BUDGET calls in the whole run,
 * then on one call in SAMPLE_EVERY: the suite sends the same few hundred shapes tens of thousands
 * of times. Counted per test file, the comparisons doubled the suite's database tests (FerretDB
 * sorts and counts in its own process: order.routes.test.ts 400 s compared, 162 s not), while a
 * shape's twentieth comparison in another file proves little its first did not. The run's workers
 * share the counts through files (`shareShapeCounts`); without them (one file run alone) the
 * process counts alone. Values the translation treats specially are the generated differential
 * test's (differential.test.ts), which compares every call it makes.
 */
export const SHAPE_BUDGET = 20;
export const SAMPLE_EVERY = 10;
const callsByShape = new Map<string, number>();
let sharedCounts: string | null = null;

/** Counts shapes across the run's processes: one file per shape in `dir`, one byte appended per call (O_APPEND is atomic). */
export function shareShapeCounts(dir: string): void {
  mkdirSync(dir, { recursive: true });
  sharedCounts = dir;
}

function countCall(shape: string): number {
  if (!sharedCounts) {
    const n = (callsByShape.get(shape) ?? 0) + 1;
    callsByShape.set(shape, n);
    return n;
  }
  const file = path.join(sharedCounts, createHash('sha1').update(shape).digest('hex'));
  appendFileSync(file, '.');
  return statSync(file).size;
}

/** Where a value is part of the shape itself: a sort's directions, a projection, a group's accumulators, paging. */
const LITERAL_KEYS = new Set(['sort', '$sort', 'projection', '$project', '$group', 'skip', 'limit', '$skip', '$limit']);

/** The shape of a value: objects by their keys (in order), arrays by their elements, scalars by type (LITERAL_KEYS as they are). */
export function shapeOf(value: unknown, literal = false): unknown {
  if (Array.isArray(value)) return value.map((v) => shapeOf(v, literal));
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return `regex/${value.flags}`;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v, literal || LITERAL_KEYS.has(k))]));
  if (value !== null && typeof value === 'object') return (value as { _bsontype?: string })._bsontype ?? 'object';
  if (literal) return value;
  return value === null ? 'null' : typeof value;
}

/** Whether this call is compared with FerretDB (under the suite, by its shape's budget and sample). */
export function compareThisCall(collection: string, op: string, call: unknown): boolean {
  if (!differential()) return false;
  const n = countCall(`${collection} ${op} ${JSON.stringify(shapeOf(call))}`);
  return n <= SHAPE_BUDGET || n % SAMPLE_EVERY === 0;
}

/** Answers larger than this are not read a second time (the exports' memory tests stream thousands). */
export const DIFFERENTIAL_MAX_ROWS = 2000;
/** A difference seen this many times while our answer held still is a wrong translation. */
const STABLE_DIFFERENCES = 3;
/**
 * Data still moving after this many reads is a race, not a translation. Each attempt is a read of
 * each side: under fifty racing callers, twenty attempts a compared read multiplied FerretDB's load
 * until it missed its own deadlines.
 */
const MOVING_ATTEMPTS = 8;

export const KNOWN_FERRETDB_BUGS = {
  sums: 'FerretDB v1.24.2 answers a $group that sums a number field (int32 and double mixed) with 0 for every accumulator; the SQL sums exactly',
} as const;

const { EJSON } = mongoose.mongo.BSON;
const MASK = (1n << 64n) - 1n;

/** A digest of an answer: its count, its documents as a multiset, and their order. */
export class AnswerDigest {
  count = 0;
  private set = 0n;
  private readonly order = createHash('sha1');

  add(doc: unknown): void {
    const h = createHash('sha1').update(EJSON.stringify(doc as Doc, { relaxed: false })).digest('hex');
    this.set = (this.set + BigInt(`0x${h.slice(0, 16)}`)) & MASK;
    this.order.update(h);
    this.count++;
  }

  result(): { count: number; set: string; order: string } {
    return { count: this.count, set: this.set.toString(16), order: this.order.copy().digest('hex') };
  }
}

export async function digestOf(docs: AsyncIterable<unknown> | Iterable<unknown>): Promise<AnswerDigest> {
  const digest = new AnswerDigest();
  for await (const doc of docs) digest.add(doc);
  return digest;
}

const isPlainObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * What of a find's answer MongoDB fixes: the order where the sort ends in `_id` (unique), the set
 * of documents where no skip or limit picks among ties, and always how many.
 */
function comparableOf(options: Doc): 'order' | 'set' | 'count' {
  const sort = options.sort;
  const keys = isPlainObject(sort) ? Object.keys(sort) : [];
  if (keys.at(-1) === '_id') return 'order';
  if (!options.skip && !options.limit) return 'set';
  return 'count';
}

function same(a: AnswerDigest, b: AnswerDigest, what: 'order' | 'set' | 'count'): boolean {
  const x = a.result();
  const y = b.result();
  return x.count === y.count && (what === 'count' || (x.set === y.set && (what === 'set' || x.order === y.order)));
}

export class ReadMismatchError extends Error {
  override name = 'ReadMismatchError';
}

function mismatch(collection: string, op: string, call: unknown, detail: string): never {
  const text = `${collection} ${op}: ${EJSON.stringify(call as Doc, { relaxed: true })} — ${detail}`;
  noteMismatch(text);
  throw new ReadMismatchError(`The PostgreSQL read answered otherwise than FerretDB: ${text}`);
}

/**
 * Reads FerretDB and our SQL again, in turn, until they agree. A difference counts only when our
 * answer held still across FerretDB's read (the same before and after it) and still differed, three
 * times: racing writers (two delivery processes, a poller) move the data between reads, and then
 * our reads before and after differ from each other; a wrong translation differs while nothing moves.
 */
async function settle<T>(served: T, ours: () => Promise<T>, theirs: () => Promise<T>, same: (a: T, b: T) => boolean, fail: (mine: T, other: T) => never): Promise<void> {
  let before = served;
  let stableDifferences = 0;
  for (let attempt = 1; attempt <= MOVING_ATTEMPTS; attempt++) {
    let other: T;
    try {
      other = await theirs();
    } catch (err) {
      // FerretDB could not answer in time (fifty racing test callers on two cores, each read
      // compared): nothing to compare with. The read we served stands; its shape is compared on
      // its other calls.
      if (timedOut(err)) return;
      throw err;
    }
    if (same(before, other)) return;
    const after = await ours();
    if (same(after, other)) return;
    if (same(before, after) && ++stableDifferences === STABLE_DIFFERENCES) fail(after, other);
    before = after;
  }
}

/**
 * FerretDB out of time: MaxTimeMSExpired, or its own two seconds for a new PostgreSQL connection's
 * first query (backends/postgresql/opendb.go), answered as an internal error naming the deadline.
 */
const timedOut = (err: unknown): boolean => err instanceof mongoose.mongo.MongoServerError && (err.code === 50 || /context deadline exceeded/.test(err.message));

/** Compares a served find with FerretDB's; `ours` reads it again through SQL, `theirs` through FerretDB. */
export async function checkFind(
  collection: string,
  call: { filter: unknown; options: Doc },
  served: AnswerDigest,
  ours: () => AsyncIterable<unknown>,
  theirs: () => AsyncIterable<unknown>,
): Promise<void> {
  const what = comparableOf(call.options);
  await settle(
    served,
    () => digestOf(ours()),
    () => digestOf(theirs()),
    (a, b) => same(a, b, what),
    (mine, other) => mismatch(collection, 'find', call, `${what}: ${JSON.stringify(mine.result())} vs FerretDB ${JSON.stringify(other.result())}`),
  );
}

export async function checkCount(collection: string, call: unknown, served: number, ours: () => Promise<number>, theirs: () => Promise<number>): Promise<void> {
  await settle(served, ours, theirs, (a, b) => a === b, (mine, other) => mismatch(collection, 'countDocuments', call, `${mine} vs FerretDB ${other}`));
}

/** Groups compared by key and count-like sums; sums of a field are FerretDB's known bug (KNOWN_FERRETDB_BUGS.sums). */
export async function checkGroups(collection: string, pipeline: unknown, served: Doc[], ours: () => Promise<Doc[]>, theirs: () => Promise<Doc[]>): Promise<void> {
  const last = Array.isArray(pipeline) ? (pipeline.at(-1) as { $group: Record<string, unknown> }) : null;
  const accumulators = Object.entries(last?.$group ?? {}).filter(([name]) => name !== '_id');
  // With a sum of a field beside them, FerretDB answered the counts of that group wrongly too (0).
  const sumsAField = accumulators.some(([, spec]) => !isPlainObject(spec) || typeof spec.$sum !== 'number');
  const compared = ['_id', ...(sumsAField ? [] : accumulators.map(([name]) => name))];
  const key = (docs: Doc[]) =>
    docs
      .map((d) => EJSON.stringify(Object.fromEntries(compared.map((k) => [k, d[k]])) as Doc, { relaxed: false }))
      .sort()
      .join('\n');
  await settle(served, ours, theirs, (a, b) => key(a) === key(b), (mine, other) => mismatch(collection, 'aggregate', pipeline, `${key(mine)} vs FerretDB ${key(other)}`));
}
