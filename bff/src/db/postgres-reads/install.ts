import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose from 'mongoose';
import { countDocuments } from './count.js';
import { UnsupportedQueryError } from './filter-sql.js';
import { PostgresFindCursor } from './find-cursor.js';
import { groupDocuments } from './group.js';
import { PostgresReads, type PostgresReadsOptions } from './postgres-reads.js';
import { noteFallback, noteServed } from './read-stats.js';
import { checkCount, checkGroups, compareThisCall } from './differential-check.js';

/**
 * Where the reads of an embedded FerretDB go to its PostgreSQL directly: the driver's
 * `Collection.find`, `countDocuments` and `aggregate`, for the one client and database registered
 * here (open-database.ts, the test harness). Every caller (grids, exports, counts, the seeds' raw
 * calls) gets it without knowing. At the driver's Collection, as for the serialised writes
 * (serialised-writes.ts): the filter arrives there final, cast and scoped by the tenant plugin.
 * On MongoDB nothing is registered and nothing changes.
 *
 * `POSTGRES_READS=off` leaves every read to FerretDB (to compare, or to rule this out).
 */

type Collection = mongoose.mongo.Collection;
type MongoClient = mongoose.mongo.MongoClient;
type Doc = Record<string, unknown>;

const registered = new WeakMap<MongoClient, PostgresReads>();
/**
 * Set while the driver's own countDocuments runs (a fallback, or the suite's comparison): its
 * `$group` pipeline is FerretDB's count, not a read to serve or to note as a fallback again.
 */
const driverCounting = new AsyncLocalStorage<true>();
const clientOf = (collection: Collection) => (collection as unknown as { client: MongoClient }).client;

/** The PostgreSQL reads serving this collection's database, if any. */
export function readsFor(collection: Collection): PostgresReads | null {
  const reads = registered.get(clientOf(collection));
  return reads && reads.database === collection.dbName ? reads : null;
}

export function postgresReadsEnabled(): boolean {
  return process.env.POSTGRES_READS !== 'off';
}

/**
 * Reads of `client`'s database `options.database` go to PostgreSQL from now on, if PostgreSQL
 * orders text as MongoDB does (a C collation, as the embedded cluster has). Answers whether they do;
 * the returned close() ends the connection pool.
 */
export async function servePostgresReads(client: MongoClient, options: PostgresReadsOptions): Promise<{ serving: boolean; close(): Promise<void> }> {
  installPostgresReads();
  const reads = new PostgresReads(options);
  const serving = postgresReadsEnabled() && (await reads.readsAsMongo());
  if (serving) registered.set(client, reads);
  return {
    serving,
    async close() {
      if (registered.get(client) === reads) registered.delete(client);
      await reads.close();
    },
  };
}

/** The part of the driver's AggregationCursor that mongoose uses, over the SQL's groups or FerretDB's cursor. */
class PostgresAggregateCursor {
  private docs: Promise<Doc[]> | null = null;
  private driver: mongoose.mongo.AggregationCursor | null = null;
  private at = 0;

  constructor(
    private readonly reads: PostgresReads,
    private readonly collection: string,
    private readonly pipeline: unknown,
    private readonly options: Doc,
    private readonly driverCursor: () => mongoose.mongo.AggregationCursor,
  ) {}

  private async start(): Promise<Doc[] | null> {
    if (!this.docs && !this.driver) {
      const serve = () => groupDocuments(this.reads, this.collection, this.pipeline, this.options);
      this.docs = serve().then(
        async (docs) => {
          noteServed('group');
          if (compareThisCall(this.collection, 'aggregate', [this.pipeline, this.options])) await checkGroups(this.collection, this.pipeline, docs, serve, () => this.driverCursor().toArray());
          return docs;
        },
        (err: unknown) => {
          if (!(err instanceof UnsupportedQueryError)) throw err;
          noteFallback(this.collection, 'aggregate', err.message);
          this.driver = this.driverCursor();
          return [];
        },
      );
    }
    const docs = await this.docs;
    return this.driver ? null : docs;
  }

  async toArray(): Promise<Doc[]> {
    const docs = await this.start();
    if (!docs) return this.driver!.toArray();
    const rest = docs.slice(this.at);
    this.at = docs.length;
    return rest;
  }

  async next(): Promise<Doc | null> {
    const docs = await this.start();
    if (!docs) return this.driver!.next();
    return docs[this.at++] ?? null;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Doc> {
    for (let doc = await this.next(); doc !== null; doc = await this.next()) yield doc;
  }

  async close(): Promise<void> {
    await this.driver?.close();
  }
}

const INSTALLED = Symbol.for('storefront-admin.postgres-reads');

/** Wraps the driver's read methods once per process; idempotent. Unregistered clients read as before. */
export function installPostgresReads(): void {
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;

  const find = proto.find as (this: Collection, filter?: unknown, options?: Doc) => mongoose.mongo.FindCursor;
  proto.find = function (this: Collection, filter?: unknown, options?: Doc) {
    const reads = readsFor(this);
    if (!reads) return find.call(this, filter, options);
    return new PostgresFindCursor(reads, this.collectionName, filter ?? {}, options, (current) => find.call(this, filter, current));
  };

  const count = proto.countDocuments as (this: Collection, filter?: unknown, options?: Doc) => Promise<number>;
  proto.countDocuments = async function (this: Collection, filter?: unknown, options?: Doc) {
    const reads = readsFor(this);
    if (!reads) return count.call(this, filter, options);
    try {
      const serve = () => countDocuments(reads, this.collectionName, filter ?? {}, options ?? {});
      const n = await serve();
      noteServed('count');
      if (compareThisCall(this.collectionName, 'countDocuments', [filter, options])) await checkCount(this.collectionName, { filter, options }, n, serve, () => driverCounting.run(true, () => count.call(this, filter, options)));
      return n;
    } catch (err) {
      if (!(err instanceof UnsupportedQueryError)) throw err;
      noteFallback(this.collectionName, 'countDocuments', err.message);
      return driverCounting.run(true, () => count.call(this, filter, options));
    }
  };

  const aggregate = proto.aggregate as (this: Collection, pipeline?: unknown, options?: Doc) => mongoose.mongo.AggregationCursor;
  proto.aggregate = function (this: Collection, pipeline?: unknown, options?: Doc) {
    const reads = readsFor(this);
    if (!reads || driverCounting.getStore()) return aggregate.call(this, pipeline, options);
    return new PostgresAggregateCursor(reads, this.collectionName, pipeline, options ?? {}, () => aggregate.call(this, pipeline, options));
  };
}
