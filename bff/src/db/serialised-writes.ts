import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import sift from 'sift';
import { readsFor } from './postgres-reads/install.js';
import { simpleProjection } from './projection.js';
import { WriteLocks } from './write-lock.js';

/**
 * Conditional writes made atomic on FerretDB v1.
 *
 * FerretDB v1 runs `findOneAndUpdate`, `updateOne`, `updateMany`, deletes and replaces as
 * read → change in its own process → write, with no compare-and-swap: 50 racing updates
 * "where revision = 7" could all match and all report success. MongoDB applies each of them
 * atomically per document, which the services rely on (revisions, state transitions, single-use
 * tokens). So, on a client connected to FerretDB, every such write on a collection runs under an
 * in-process lock: the document's own when the filter names one `_id`, the whole collection's
 * otherwise (write-lock.ts). Inserts are not locked: unique indexes do hold on FerretDB.
 *
 * Why at the driver's Collection and not as a mongoose plugin: every write goes through it —
 * queries, `doc.save()`, `Model.collection.*` and the seeds' raw calls alike — and the lock is
 * taken and released inside one async call, so no other plugin's hook (e.g. the tenant plugin
 * throwing UnscopedAccessError) can run between acquiring and releasing it.
 *
 * The lock lives in this process, so only one process may write to an embedded database; the
 * data-directory lock (data-dir-lock.ts) enforces that. On MongoDB nothing is locked.
 * Not covered: the driver's bulk builders (`initializeOrderedBulkOp`), which nothing here uses.
 */

type Collection = mongoose.mongo.Collection;
type MongoClient = mongoose.mongo.MongoClient;

const { mongo } = mongoose;

/**
 * The driver's errors for "the database is unavailable" (down, stalled, timed out): a write that
 * fails with one fails the writes queued behind it at once, instead of each waiting its timeouts.
 */
function isUnavailable(err: unknown): boolean {
  return (
    err instanceof mongo.MongoNetworkError || // also pool cleared, network timeout
    err instanceof mongo.MongoServerSelectionError ||
    err instanceof mongo.MongoTopologyClosedError ||
    err instanceof mongo.MongoNotConnectedError ||
    err instanceof mongo.MongoOperationTimeoutError ||
    (err instanceof Error && err.name === 'MongoWaitQueueTimeoutError')
  );
}

/**
 * Resolves once FerretDB answers a ping and the PostgreSQL under it its reads' heartbeat, then one
 * heartbeat interval more (connect.ts: 1 s), so that a write the server held through the outage
 * has run before the next write of its document is sent (write-lock.ts). Gives up waiting after
 * a minute: the lock is a guard against a race on waking, not a way to stop writes for good.
 */
async function answersAgain(collection: Collection): Promise<void> {
  const giveUpAt = Date.now() + 60_000;
  while (Date.now() < giveUpAt) {
    const answered = await collection.db
      .command({ ping: 1 })
      .then(() => readsFor(collection)?.outage == null)
      .catch(() => false);
    await sleep(answered ? 1000 : 250);
    if (answered) return;
  }
}

// A queue of 50 writes to one document takes a few seconds on a busy FerretDB; the wait limit is
// only a last resort (an outage fails the queue at once, see isUnavailable).
const locks = new WriteLocks({ timeoutMs: 30_000, failsQueue: isUnavailable });
const ferretClients = new WeakMap<MongoClient, Promise<boolean>>();

/** Whether the server behind `client` is FerretDB (its buildInfo carries `ferretdbVersion`). Cached per client. */
export function isFerretDb(client: MongoClient): Promise<boolean> {
  let known = ferretClients.get(client);
  if (!known) {
    known = client
      .db('admin')
      .command({ buildInfo: 1 })
      .then((info) => 'ferretdbVersion' in info);
    // A failed probe (database down) is asked again on the next write rather than cached.
    known.catch(() => ferretClients.delete(client));
    ferretClients.set(client, known);
  }
  return known;
}

/**
 * The key of the one document a filter can match, or null when it may match several. Only a
 * top-level `_id` of a plain value (or `{ $eq: value }`) names one document; the tenant plugin
 * adds its fields beside it, which only narrows the match further.
 */
export function documentKey(filter: unknown): string | null {
  if (typeof filter !== 'object' || filter === null) return null;
  let id = (filter as Record<string, unknown>)._id;
  if (isPlainObject(id) && Object.keys(id).length === 1 && '$eq' in id) id = id.$eq;
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  // By its BSON type rather than instanceof: a second copy of the bson package is still an ObjectId.
  if ((id as { _bsontype?: string } | null)?._bsontype === 'ObjectId') return `o:${(id as mongoose.Types.ObjectId).toHexString()}`;
  return null;
}

// The driver sets `client` on every Collection; its type declarations mark the field internal.
const clientOf = (collection: Collection) => (collection as unknown as { client: MongoClient }).client;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Writes whose first argument is the filter. */
const FILTERED_WRITES = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
] as const;

/** Writes that touch at most one document (the first match). */
const SINGLE_WRITES = new Set<string>(['updateOne', 'replaceOne', 'deleteOne', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete']);

/** Query operators whose meaning sift reproduces exactly for the filters this app writes with. */
const CHECKABLE_OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$and', '$or']);

function usesOnlyCheckable(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(usesOnlyCheckable);
  if (!isPlainObject(value)) return true;
  return Object.entries(value).every(([k, v]) => (!k.startsWith('$') || CHECKABLE_OPERATORS.has(k)) && usesOnlyCheckable(v));
}

/** The answer of a single-document write whose filter matched nothing, in the shape the caller asked for. */
function noMatch(method: string, options: unknown): unknown {
  if (method === 'updateOne' || method === 'replaceOne') return { acknowledged: true, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
  if (method === 'deleteOne') return { acknowledged: true, deletedCount: 0 };
  const withMetadata = isPlainObject(options) && options.includeResultMetadata === true;
  return withMetadata ? { value: null, ok: 1, lastErrorObject: { n: 0, updatedExisting: false } } : null;
}

/**
 * FerretDB v1 on SQLite pushes down only a filter `{ _id: value }`: any other condition makes it
 * read the whole collection, and a conditional write on a big collection takes long under its lock.
 * Holding the document's lock (no other writer in this process can change it, and no other process
 * may write: data-dir-lock.ts), the condition can be checked on the document read by its `_id`
 * alone, and the write then names only that `_id`: the same result, each step a key lookup.
 * Returns undefined where this does not apply (upserts, filters with operators sift may read
 * differently), and the caller runs the write as it was.
 */
async function writeByKey(
  collection: Collection,
  method: string,
  original: (this: Collection, filter: unknown, ...rest: unknown[]) => Promise<unknown>,
  filter: Record<string, unknown>,
  rest: unknown[],
): Promise<{ result: unknown } | undefined> {
  // Deletes take (filter, options); updates and replaces (filter, change, options).
  const takesChange = method !== 'deleteOne' && method !== 'findOneAndDelete';
  const options = takesChange ? rest[1] : rest[0];
  if (!SINGLE_WRITES.has(method) || (isPlainObject(options) && options.upsert === true)) return undefined;
  // A positional update (`items.$.qty`) needs the array condition in the filter the server sees.
  if (takesChange && JSON.stringify(rest[0] ?? null).includes('.$')) return undefined;
  const { _id, ...condition } = filter;
  if (Object.keys(condition).length === 0 || !usesOnlyCheckable(condition)) return undefined;
  const current = await collection.findOne({ _id } as never);
  if (!current || !sift(condition)(current)) return { result: noMatch(method, options) };
  return { result: await original.call(collection, { _id }, ...rest) };
}

/**
 * A read of one document by `_id` plus conditions (the tenant plugin adds its fields to every
 * `findById`), served as a key lookup: the document read by `_id` alone, the conditions checked
 * here, the projection applied here. One key lookup instead of a whole-collection read.
 */
async function findOneByKey(
  collection: Collection,
  original: (this: Collection, filter: unknown, ...rest: unknown[]) => Promise<unknown>,
  filter: unknown,
  rest: unknown[],
): Promise<{ result: unknown } | undefined> {
  if (documentKey(filter) === null) return undefined;
  const { _id, ...condition } = filter as Record<string, unknown>;
  const options = rest[0];
  if (isPlainObject(options) && Object.keys(options).some((k) => !['projection', 'session'].includes(k))) return undefined;
  const project = simpleProjection(isPlainObject(options) ? options.projection : undefined);
  if (project === undefined || !usesOnlyCheckable(condition)) return undefined;
  const doc = (await original.call(collection, { _id }, ...(isPlainObject(options) && options.session ? [{ session: options.session }] : []))) as Record<string, unknown> | null;
  if (!doc || (Object.keys(condition).length > 0 && !sift(condition)(doc))) return { result: null };
  return { result: project ? project(doc) : doc };
}

const INSTALLED = Symbol.for('storefront-admin.serialised-writes');

/** Wraps the driver's write methods once per process; idempotent. */
export function installSerialisedWrites(): void {
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;

  for (const name of FILTERED_WRITES) {
    const original = proto[name] as (this: Collection, filter: unknown, ...rest: unknown[]) => Promise<unknown>;
    proto[name] = async function (this: Collection, filter: unknown, ...rest: unknown[]) {
      if (!(await isFerretDb(clientOf(this)))) return original.call(this, filter, ...rest);
      const key = documentKey(filter);
      return locks.run(
        this.namespace,
        key,
        async () => {
          const fast = key ? await writeByKey(this, name, original, filter as Record<string, unknown>, rest) : undefined;
          return fast ? fast.result : original.call(this, filter, ...rest);
        },
        () => answersAgain(this),
      );
    };
  }

  // Reads of one document by `_id` plus conditions: a key lookup instead of a collection read.
  const findOne = proto.findOne as (this: Collection, filter: unknown, ...rest: unknown[]) => Promise<unknown>;
  proto.findOne = async function (this: Collection, filter: unknown, ...rest: unknown[]) {
    if (!(await isFerretDb(clientOf(this)))) return findOne.call(this, filter, ...rest);
    const fast = await findOneByKey(this, findOne, filter, rest);
    return fast ? fast.result : findOne.call(this, filter, ...rest);
  };

  // bulkWrite (also behind insertMany) locks the collection unless it only inserts.
  const bulkWrite = proto.bulkWrite as (this: Collection, ops: unknown[], ...rest: unknown[]) => Promise<unknown>;
  proto.bulkWrite = async function (this: Collection, ops: unknown[], ...rest: unknown[]) {
    const onlyInserts = Array.isArray(ops) && ops.every((op) => isPlainObject(op) && Object.keys(op).join() === 'insertOne');
    if (onlyInserts || !(await isFerretDb(clientOf(this)))) return bulkWrite.call(this, ops, ...rest);
    return locks.run(this.namespace, null, () => bulkWrite.call(this, ops, ...rest));
  };
}

/** For tests: how many collections hold or await a lock right now (0 when nothing leaked). */
export function activeWriteLocks(): number {
  return locks.activeCollections;
}
