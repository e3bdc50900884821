import type mongoose from 'mongoose';
import type { PostgresReads } from './postgres-reads.js';
import { pageSql, planRead, type ReadPlan } from './read-plan.js';
import { noteFallback, noteServed } from './read-stats.js';
import { decodeDocument, UndecodableValueError } from './sjson.js';
import { UnsupportedQueryError } from './filter-sql.js';

type Doc = Record<string, unknown>;
type FindCursor = mongoose.mongo.FindCursor;

/**
 * What `Collection.find()` returns on an embedded FerretDB whose PostgreSQL we read directly: the
 * part of the driver's FindCursor that mongoose and this app use (toArray, next, async iteration,
 * close, rewind, and the chainable sort/limit/skip/project). Nothing is read before the first
 * call. A query the SQL cannot answer (read-plan.ts) goes to FerretDB through the driver's own
 * cursor, decided at that first call.
 *
 * With an exact condition the database sorts, skips and limits (an index scan on a tenant's
 * index); otherwise the rows come in order through a server-side cursor, each checked against
 * the filter, until the limit is reached.
 */
export class PostgresFindCursor {
  private options: Doc;
  private driver: FindCursor | null = null;
  private docs: AsyncGenerator<Doc> | null = null;
  private done = false;
  /** Whether a document was read from `docs` (a later failure cannot start over on FerretDB). */
  private served = false;
  /** What `hasNext()` read ahead and `next()` has not handed out yet (undefined: nothing). */
  private peeked: Doc | null | undefined;

  constructor(
    private readonly reads: PostgresReads,
    private readonly collection: string,
    private readonly filter: unknown,
    options: Doc | undefined,
    private readonly driverCursor: (options: Doc) => FindCursor,
  ) {
    this.options = { ...(options ?? {}) };
  }

  sort(sort: unknown) {
    return this.set('sort', sort);
  }
  limit(limit: number) {
    return this.set('limit', limit);
  }
  skip(skip: number) {
    return this.set('skip', skip);
  }
  project(projection: unknown) {
    return this.set('projection', projection);
  }
  batchSize(size: number) {
    return this.set('batchSize', size);
  }
  /** Flags (noCursorTimeout…) change nothing in how PostgreSQL reads. */
  addCursorFlag() {
    return this;
  }

  private set(key: string, value: unknown) {
    if (this.docs || this.driver) throw new Error(`Cursor option ${key} set after the cursor started`);
    this.options[key] = value;
    return this;
  }

  /** Decides on the first read: SQL, or FerretDB through the driver's cursor. */
  private start(): void {
    if (this.docs || this.driver) return;
    let plan: ReadPlan;
    try {
      plan = planRead(this.reads, this.collection, this.filter, this.options);
    } catch (err) {
      if (!(err instanceof UnsupportedQueryError)) throw err;
      noteFallback(this.collection, 'find', err.message);
      this.driver = this.driverCursor(this.options);
      return;
    }
    noteServed('find', plan.where.exact);
    this.docs = documents(this.reads, this.collection, plan);
  }

  /** The next document; after `hasNext()`, the one it looked at. */
  async next(): Promise<Doc | null> {
    if (this.peeked === undefined) return this.read();
    const doc = this.peeked;
    this.peeked = undefined;
    return doc;
  }

  tryNext() {
    return this.next();
  }

  async hasNext(): Promise<boolean> {
    if (this.peeked === undefined) this.peeked = await this.read();
    return this.peeked !== null;
  }

  private async read(): Promise<Doc | null> {
    this.start();
    if (this.driver) return this.driver.next();
    if (this.done) return null;
    try {
      const { value, done } = await this.docs!.next();
      if (done) this.done = true;
      return done ? null : value;
    } catch (err) {
      this.done = true;
      // Seen on the first document only in practice: ask FerretDB for the whole answer instead.
      if (err instanceof UndecodableValueError && !this.served) {
        noteFallback(this.collection, 'find', err.message);
        this.docs = null;
        this.driver = this.driverCursor(this.options);
        return this.driver.next();
      }
      throw err;
    } finally {
      this.served = true;
    }
  }

  async toArray(): Promise<Doc[]> {
    const all: Doc[] = [];
    for (let doc = await this.next(); doc !== null; doc = await this.next()) all.push(doc);
    return all;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Doc> {
    try {
      for (let doc = await this.next(); doc !== null; doc = await this.next()) yield doc;
    } finally {
      await this.close();
    }
  }

  /** Releases the connection; the driver's close takes no callback any more, but mongoose still passes one. */
  async close(callback?: (err?: unknown) => void): Promise<void> {
    this.done = true;
    try {
      await this.docs?.return(undefined);
      await this.driver?.close();
      callback?.();
    } catch (err) {
      if (callback) callback(err);
      else throw err;
    }
  }

  get closed(): boolean {
    return this.done;
  }

  /** Starts over: the next read runs the query again. */
  rewind(): void {
    void this.docs?.return(undefined);
    this.driver?.rewind();
    this.docs = null;
    this.done = false;
    this.peeked = undefined;
    this.served = false;
  }

  explain(verbosity?: unknown) {
    return this.driverCursor(this.options).explain(verbosity as never);
  }
}

export const selectSql = (plan: ReadPlan) => (table: string) => `SELECT _jsonb FROM ${table} WHERE ${plan.where.sql} ${plan.orderBy}${pageSql(plan)}`;

/** The plan's documents, in order, checked, skipped, limited and projected. */
export async function* documents(reads: PostgresReads, collection: string, plan: ReadPlan): AsyncGenerator<Doc> {
  const exact = plan.where.exact;
  // An exact condition with a limit: one statement. Otherwise batches, the first as big as what is wanted.
  const rows =
    exact && plan.limit > 0
      ? (async function* () {
          yield (await reads.query<{ _jsonb: Doc }>(collection, selectSql(plan), plan.values)) ?? [];
        })()
      : reads.stream<{ _jsonb: Doc }>(collection, selectSql(plan), plan.values, (n) => (n === 0 && plan.limit > 0 ? Math.max(plan.skip + plan.limit, 50) : plan.batchSize));
  let skip = exact ? 0 : plan.skip;
  let left = plan.limit > 0 ? plan.limit : Infinity;
  try {
    for await (const batch of rows) {
      for (const row of batch) {
        const doc = decodeDocument(row._jsonb);
        if (!plan.matches(doc)) continue;
        if (plan.verify && !plan.verify(doc)) throw new Error(`PostgreSQL read of ${collection} selected a document its filter does not match: ${plan.where.sql}`);
        if (skip > 0) {
          skip--;
          continue;
        }
        yield plan.project ? plan.project(doc) : doc;
        if (--left === 0) return;
      }
    }
  } finally {
    await rows.return(undefined);
  }
}
