import mongoose, { type Schema } from 'mongoose';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { fieldKindsOf, type FieldKinds } from './field-kinds.js';
import { breaksSchemaSql } from './schema-conformance.js';
import { UnsupportedQueryError } from './filter-sql.js';

/**
 * Direct reads of the PostgreSQL tables behind an embedded FerretDB v1: the statements, where the
 * tables are, and the connection pool. FerretDB v1 pushes only top-level equality down to
 * PostgreSQL and sorts, limits and counts in its own process, about 80 µs per document of the
 * tenant: a page of a 10,000-customer reseller took 1.6 s, and the orders grid of a reseller with
 * 100,000 orders timed out (issue 11). PostgreSQL itself serves the same page from an index in
 * milliseconds. What is read and how (find-cursor.ts, count.ts, group.ts) is decided per query;
 * this module only runs SQL.
 *
 * Consistent with FerretDB: it commits each write before it answers, so a read here after a
 * write there sees it. Only reads come here; every write still goes through FerretDB.
 */

export interface ReadModel {
  schema: Schema;
  collection: { collectionName: string };
}

export interface PostgresReadsOptions {
  /** The PostgreSQL database FerretDB stores in. */
  postgresUrl: string;
  /** The MongoDB database: FerretDB's schema of that name. */
  database: string;
  /** Whose schemas say what each field holds; other collections are left to FerretDB. */
  models: readonly ReadModel[];
  /** How long one statement, or one batch of a stream, may take (default 30 s, as the driver's socket timeout). */
  queryTimeoutMs?: number;
}

/** FerretDB's record of which table holds which collection, one per database (= schema). */
const METADATA_TABLE = '_ferretdb_database_metadata';
/** undefined_table, invalid_schema_name: the collection or the database does not exist (yet, or any more). */
const MISSING = new Set(['42P01', '3F000']);

/** PostgreSQL unreachable, stalled or shutting down: to callers, the database is down (503), as with the driver. */
function unavailable(err: unknown): Error | null {
  const e = err as { code?: string; message?: string };
  const down =
    // Connection exceptions (not 08P01, a protocol violation: a bug) and shutdowns.
    ['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03'].includes(e.code ?? '') ||
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code ?? '') ||
    /timeout|terminated|Connection ended|not queryable/i.test(e.message ?? '');
  return down ? new mongoose.mongo.MongoNetworkError(`PostgreSQL: ${e.message ?? String(err)}`, { cause: err as Error }) : null;
}

export class PostgresReads {
  readonly database: string;
  private readonly pool: pg.Pool;
  private readonly kinds = new Map<string, FieldKinds>();
  private readonly breaksSchema = new Map<string, string>();
  private readonly tables = new Map<string, string>();
  private readonly schema: string;
  /** Set while PostgreSQL does not answer its heartbeat: the error every read gets meanwhile. */
  private down: Error | null = null;
  private readonly busy = new Set<pg.PoolClient>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly queryTimeoutMs: number;

  constructor(opts: PostgresReadsOptions) {
    this.queryTimeoutMs = opts.queryTimeoutMs ?? 30_000;
    this.database = opts.database;
    this.schema = pg.escapeIdentifier(opts.database);
    for (const model of opts.models) {
      this.kinds.set(model.collection.collectionName, fieldKindsOf(model.schema));
      this.breaksSchema.set(model.collection.collectionName, breaksSchemaSql(model.schema));
    }
    this.pool = new pg.Pool({
      connectionString: opts.postgresUrl,
      // As the driver's pool and timeouts (connect.ts). The wait for a connection includes waiting
      // for a free one: a burst of requests is load to queue, not an outage.
      max: 20,
      connectionTimeoutMillis: 20_000,
      // No pool-wide query_timeout: pg times a cursor from its start to its end, so it cut every
      // stream off after 30 s, whatever its pace (an Orders.xlsx of 1M rows broke at 200k). Each
      // statement, and each batch of a stream, has its own limit instead (run(), stream()).
      idleTimeoutMillis: 30_000,
      application_name: 'storefront-admin reads',
    });
    // An idle connection that breaks (server restarted) is dropped by the pool; nothing to do here.
    this.pool.on('error', () => {});
    this.heartbeat = this.watch(opts.postgresUrl);
  }

  /** The error reads get while PostgreSQL misses its heartbeat, or null while it answers (health reports it). */
  get outage(): Error | null {
    return this.down;
  }

  /** What the collection's fields hold, or null for a collection no model describes. */
  kindsOf(collection: string): FieldKinds | null {
    return this.kinds.get(collection) ?? null;
  }

  /** The SQL condition of a stored document that breaks the collection's schema (schema-conformance.ts). */
  breaksSchemaOf(collection: string): string | null {
    return this.breaksSchema.get(collection) ?? null;
  }

  private async tableOf(collection: string, fresh = false): Promise<string | null> {
    if (!fresh) {
      const known = this.tables.get(collection);
      if (known) return known;
    }
    const rows = await this.run<{ tbl: string }>(
      `SELECT _jsonb->>'table' AS tbl FROM ${this.schema}.${pg.escapeIdentifier(METADATA_TABLE)} WHERE _jsonb->>'_id' = $1`,
      [collection],
    ).catch((err: { code?: string }) => {
      if (MISSING.has(err.code ?? '')) return [];
      throw err;
    });
    const table = rows[0]?.tbl ?? null;
    if (table) this.tables.set(collection, table);
    else this.tables.delete(collection);
    return table;
  }

  /** A connection of the pool, tracked so that a stalled server's queries can be cut off (watch()). */
  private async checkout(): Promise<pg.PoolClient> {
    if (this.down) throw this.down;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw unavailable(err) ?? err;
    }
    // A connection cut off while checked out (watch()) reports it here too; the query's own error
    // answers the caller, and the pool drops the connection when it is released.
    if (!client.listenerCount('error')) client.on('error', () => {});
    this.busy.add(client);
    return client;
  }

  private checkin(client: pg.PoolClient, err?: unknown): void {
    this.busy.delete(client);
    client.release(err instanceof Error && unavailable(err) ? err : undefined);
  }

  private async run<R extends pg.QueryResultRow>(text: string, values: unknown[], timeoutMs = this.queryTimeoutMs): Promise<R[]> {
    const client = await this.checkout();
    let failed: unknown;
    try {
      return (await client.query<R>({ text, values, query_timeout: timeoutMs } as pg.QueryConfig)).rows;
    } catch (err) {
      failed = err;
      throw unavailable(err) ?? err;
    } finally {
      this.checkin(client, failed);
    }
  }

  /**
   * The driver's heartbeat, for this pool: PostgreSQL is asked every second, and one that has not
   * answered in 2 s twice in a row is taken as down (once was a busy machine too: a CI run on two
   * cores missed one and failed every read of a test file). Then the queries waiting on it are cut off and new ones
   * refused at once (503, as the driver's errors are), until it answers again, so a stalled server
   * (SIGSTOP, a frozen VM) fails requests within seconds instead of at the 30 s query timeout.
   */
  private watch(postgresUrl: string, everyMs = 1000, timeoutMs = 2000): NodeJS.Timeout {
    let beating = false;
    let missed = 0;
    const beat = async () => {
      if (beating) return;
      beating = true;
      const probe = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'storefront-admin heartbeat' });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.query('SELECT 1');
        missed = 0;
        this.down = null;
      } catch (err) {
        if (++missed < 2) return;
        this.down = new mongoose.mongo.MongoNetworkError(`PostgreSQL did not answer its heartbeat: ${(err as Error).message}`, { cause: err as Error });
        for (const client of this.busy) (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      } finally {
        beating = false;
        void probe.end().catch(() => {});
      }
    };
    const timer = setInterval(() => void beat(), everyMs);
    timer.unref();
    return timer;
  }

  /**
   * Runs `sql(table)` on the collection's table; null when the collection does not exist. A table
   * dropped since it was looked up (a collection dropped and made again) is looked up once more.
   */
  async query<R extends pg.QueryResultRow>(collection: string, sql: (table: string) => string, values: unknown[], timeoutMs?: number): Promise<R[] | null> {
    for (const fresh of [false, true]) {
      const table = await this.tableOf(collection, fresh);
      if (!table) return null;
      try {
        return await this.run<R>(sql(`${this.schema}.${pg.escapeIdentifier(table)}`), values, timeoutMs);
      } catch (err) {
        if (!MISSING.has((err as { code?: string }).code ?? '')) throw err;
      }
    }
    return null;
  }

  /**
   * The rows of `sql(table)` in batches of `batchSize` through a server-side cursor, holding one
   * connection until the caller stops (return() releases it). Nothing when the collection does not exist.
   */
  async *stream<R extends pg.QueryResultRow>(collection: string, sql: (table: string) => string, values: unknown[], batchSize: (n: number) => number): AsyncGenerator<R[]> {
    const table = await this.tableOf(collection);
    if (!table) return;
    const client = await this.checkout();
    let failed: unknown;
    // A stream is handed out as it is read. Planned as one answer, a sorted read of a whole tenant
    // (an Orders.xlsx of 1M orders) became a scan and a sort of the table before its first row,
    // which came after the 30 s a batch may take; with sorting priced out, the index that gives the
    // order (every query's shape has one: the query-shapes check) is read from its start.
    try {
      await client.query('SET enable_sort = off');
    } catch (err) {
      this.checkin(client, err);
      throw unavailable(err) ?? err;
    }
    const cursor = client.query(new Cursor<R>(sql(`${this.schema}.${pg.escapeIdentifier(table)}`), values));
    try {
      for (let n = 0; ; n++) {
        const rows = await this.withinTimeout(cursor.read(batchSize(n)));
        if (rows.length === 0) return;
        yield rows;
      }
    } catch (err) {
      failed = err;
      if (MISSING.has((err as { code?: string }).code ?? '')) {
        this.tables.delete(collection);
        return;
      }
      throw unavailable(err) ?? err;
    } finally {
      // A connection that timed out or broke is dropped as it is: closing the cursor would wait on it.
      if (failed === undefined || !unavailable(failed)) {
        await cursor.close().catch(() => {});
        // Back to the planner's own choice for the connection's next user (or it is dropped).
        failed = await client.query('RESET enable_sort').then(() => failed, (err: unknown) => failed ?? err);
      }
      this.checkin(client, failed);
    }
  }

  /** A batch of a stream, or the error a timed-out statement gets (which unavailable() reads as an outage). */
  private async withinTimeout<T>(read: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Query read timeout: no rows within ${this.queryTimeoutMs} ms`)), this.queryTimeoutMs);
    });
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * PostgreSQL's plan for `sql(table)`, with planner settings such as `enable_sort: 'off'` (tests
   * and diagnostics: with sorting priced out, a plan without a Sort reads an index in order).
   */
  async explain(collection: string, sql: (table: string) => string, values: unknown[], settings: Record<string, string> = {}): Promise<string> {
    const table = await this.tableOf(collection, true);
    if (!table) throw new Error(`no collection ${collection}`);
    const client = await this.checkout();
    try {
      await client.query('BEGIN');
      for (const [name, value] of Object.entries(settings)) await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql(`${this.schema}.${pg.escapeIdentifier(table)}`)}`, values);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      this.checkin(client);
    }
  }

  /**
   * Whether this PostgreSQL reads our SQL as we mean it: text ordered as MongoDB orders it (byte by
   * byte), and quotes in string literals doubled, backslashes plain (standard_conforming_strings,
   * on by default but a server setting). Otherwise no read is served here.
   */
  async readsAsMongo(): Promise<boolean> {
    const [quoting] = await this.run<{ on: string }>(`SELECT current_setting('standard_conforming_strings') AS on`, []);
    if (quoting?.on !== 'on') return false;
    const [row] = await this.run<{ collate: string; provider: string; locale: string | null }>(
      `SELECT datcollate AS collate, datlocprovider AS provider, datlocale AS locale FROM pg_database WHERE datname = current_database()`,
      [],
    ).catch(() => this.run<{ collate: string; provider: string; locale: null }>(`SELECT datcollate AS collate, 'c' AS provider, NULL AS locale FROM pg_database WHERE datname = current_database()`, []));
    if (!row) return false;
    if (row.provider === 'c') return ['C', 'POSIX'].includes(row.collate);
    // The builtin provider's C and C.UTF-8 order by code point, which is UTF-8's byte order.
    return row.provider === 'b' && ['C', 'C.UTF-8'].includes(row.locale ?? '');
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.pool.end();
  }
}

export { UnsupportedQueryError };
