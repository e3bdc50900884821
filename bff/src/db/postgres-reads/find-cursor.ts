import type mongoose from 'mongoose';
import type { PostgresReads } from './postgres-reads.js';
import { breaksOf, NonConformingDataError, pageSql, planRead, type ReadPlan } from './read-plan.js';
import { noteFallback, noteServed } from './read-stats.js';
import { decodeStored, UndecodableValueError } from './sjson.js';
import { UnsupportedQueryError } from './filter-sql.js';
import { bound, sql, type Sql } from './sql.js';
import { AnswerDigest, checkFind, compareThisCall, DIFFERENTIAL_MAX_ROWS } from './differential-check.js';

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
  /** Under the test suite, what was served, to compare with FerretDB's answer at the end (differential-check.ts). */
  private digest: AnswerDigest | null = null;
  private plan: ReadPlan | null = null;

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
    noteServed('find');
    this.plan = plan;
    this.digest = compareThisCall(this.collection, 'find', [this.filter, this.options]) ? new AnswerDigest() : null;
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
      if (done) {
        this.done = true;
        if (this.digest) await this.compareWithFerretDb(this.digest);
        return null;
      }
      this.digest?.add(value);
      if (this.digest && this.digest.count > DIFFERENTIAL_MAX_ROWS) this.digest = null;
      return value;
    } catch (err) {
      this.done = true;
      // Found before anything was handed out (documents() decodes a whole batch first): FerretDB
      // gives the whole answer instead. A later batch that does not decode fails the read.
      if ((err instanceof UndecodableValueError || err instanceof NonConformingDataError) && !this.served) {
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

  private async compareWithFerretDb(served: AnswerDigest): Promise<void> {
    this.digest = null;
    const plan = this.plan!;
    await checkFind(
      this.collection,
      { filter: this.filter, options: this.options },
      served,
      () => documents(this.reads, this.collection, plan),
      () => this.driverCursor(this.options),
    );
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
    this.digest = null;
  }

  explain(verbosity?: unknown) {
    return this.driverCursor(this.options).explain(verbosity as never);
  }
}

/**
 * The plan's statement: the documents as stored JSON text, and whether the collection breaks its
 * schema.
 *
 * A substring search is asked as "the matching rows, then ordered" (`OFFSET 0` keeps PostgreSQL
 * from folding the two): it costs what reading the matches costs, which the grid's count of them
 * costs anyway. Left to itself the planner takes the matches as spread evenly along the order and
 * walks the ordered index until a page is found; but the rows holding a word cluster (a company
 * name sorts by its first word), and it read a third of a 100k-customer tenant before the first
 * "harbor" (350 ms, against 120 ms this way). The same rows in the same order either way.
 */
export const selectSql = (reads: PostgresReads, collection: string, plan: ReadPlan) => (table: Sql) =>
  plan.matchesFirst
    ? sql`SELECT _jsonb::text AS j, ${breaksOf(reads, collection, table)} AS breaks FROM (SELECT _jsonb FROM ${table} WHERE ${plan.where} OFFSET 0) matches ${plan.orderBy}${pageSql(plan)}`
    : sql`SELECT _jsonb::text AS j, ${breaksOf(reads, collection, table)} AS breaks FROM ${table} WHERE ${plan.where} ${plan.orderBy}${pageSql(plan)}`;

interface Row {
  j: string;
  breaks: boolean;
}

/** Throws NonConformingDataError when the collection breaks its schema, asked on its own when no row came to say. */
async function checkConforming(reads: PostgresReads, collection: string, first: Row | undefined): Promise<void> {
  let breaks = first?.breaks;
  if (breaks === undefined) {
    const probe = bound((table) => sql`SELECT ${breaksOf(reads, collection, table)} AS breaks`);
    breaks = (await reads.query<{ breaks: boolean }>(collection, probe.text, probe.values))?.[0]?.breaks ?? false;
  }
  if (breaks) throw new NonConformingDataError(collection);
}

/** The plan's documents, in order, skipped and limited in SQL, projected here. */
export async function* documents(reads: PostgresReads, collection: string, plan: ReadPlan): AsyncGenerator<Doc> {
  const statement = bound(selectSql(reads, collection, plan));
  // With a limit: one statement. Otherwise batches through a server-side cursor.
  const rows =
    plan.limit > 0
      ? (async function* () {
          yield (await reads.query<Row>(collection, statement.text, statement.values)) ?? [];
        })()
      : reads.stream<Row>(collection, statement.text, statement.values, () => plan.batchSize);
  try {
    let first = true;
    for await (const batch of rows) {
      if (first) await checkConforming(reads, collection, batch[0]);
      first = false;
      // A whole batch is decoded before any of it is handed out, so the first can still fall back.
      const docs = batch.map((row) => decodeStored(row.j));
      for (const doc of docs) yield plan.project ? plan.project(doc) : doc;
    }
    if (first) await checkConforming(reads, collection, undefined);
  } finally {
    await rows.return(undefined);
  }
}
