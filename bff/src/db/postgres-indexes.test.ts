import mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { Order } from '../orders/order.model.js';
import { useTestDatabase } from '../test/harness.js';
import { syncAllIndexes } from './connect.js';
import { demoId } from '../seed/demo-ids.js';
import { ferretDbPostgresUrl } from './embedded-ferretdb.js';
import { equalityPathsOf, ensurePostgresIndexes, orderedIndexesOf, trigramsAvailable } from './postgres-indexes.js';
import { runHousekeeping } from '../housekeeping.js';
import { escapeRegex } from '../lib/escape-regex.js';
import { fieldKindsOf } from './postgres-reads/field-kinds.js';
import { whereOf } from './postgres-reads/filter-sql.js';
import { readsFor } from './postgres-reads/install.js';
import { breaksOf } from './postgres-reads/read-plan.js';
import { render, sql, text as textSql } from './postgres-reads/sql.js';

useTestDatabase();
const postgresUrl = inject('postgresUrl');
let client: pg.Client;

beforeAll(async () => {
  if (!postgresUrl) return;
  client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

const pathsOf = (collection: string) => equalityPathsOf().find((e) => e.collection === collection)?.paths;

/** The table FerretDB keeps a collection in, and the GIN indexes on it. */
async function ginIndexesOf(collection: string) {
  const schema = mongoose.connection.name;
  const { rows } = await client.query(`SELECT _jsonb->>'table' AS t FROM ${client.escapeIdentifier(schema)}._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`, [collection]);
  const table = rows[0]!.t as string;
  const { rows: indexes } = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexdef LIKE '%USING gin%' AND indexdef NOT LIKE '%gin_trgm_ops%'`, [schema, table]);
  return { table, indexes: indexes as { indexname: string; indexdef: string }[] };
}

/**
 * The plan PostgreSQL makes for the statement FerretDB sends for a top-level equality (seen in its
 * statement log: `SELECT _jsonb FROM t WHERE _jsonb->$1 @> $2`, the key a parameter too), planned
 * with the actual values as FerretDB's sessions are (plan_cache_mode=force_custom_plan in its URL).
 * Checked here rather than through pg_stat_user_indexes, which an idle backend reports only after
 * ten seconds (it did show the GIN index used by every sign-in lookup when waited for).
 */
async function planOf(table: string, key: string, value: unknown, mode: 'force_custom_plan' | 'force_generic_plan') {
  const relation = `${client.escapeIdentifier(mongoose.connection.name)}.${client.escapeIdentifier(table)}`;
  await client.query(`ANALYZE ${relation}`);
  await client.query(`SET plan_cache_mode = ${mode}`);
  await client.query(`PREPARE ferretdb_find(text, jsonb) AS SELECT _jsonb FROM ${relation} WHERE _jsonb->$1 @> $2`);
  try {
    const { rows } = await client.query(`EXPLAIN EXECUTE ferretdb_find(${client.escapeLiteral(key)}, ${client.escapeLiteral(JSON.stringify(value))})`);
    return rows.map((r) => r['QUERY PLAN'] as string).join('\n');
  } finally {
    await client.query('DEALLOCATE ferretdb_find');
  }
}

describe('the trigram index of a searched text', () => {
  it('installs pg_trgm once when 10 processes start on a new database at the same moment', async () => {
    const name = `trgm_race_${Date.now()}`;
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const clients = await Promise.all(Array.from({ length: 10 }, async () => {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      return c;
    }));
    try {
      expect(await Promise.all(clients.map((c) => trigramsAvailable(c)))).toEqual(Array(10).fill(true));
      expect((await clients[0]!.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount).toBe(1);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await client.query(`DROP DATABASE ${name}`);
    }
  });

  it('serves the read layer’s substring search (any part of a name), as the layer writes it', async () => {
    const { table } = await ginIndexesOf('customers');
    const search = whereOf({ searchText: { $regex: escapeRegex('harbor') } }, fieldKindsOf(Customer.schema));
    const { text, values } = render(sql`SELECT _jsonb FROM ${textSql(`${client.escapeIdentifier(mongoose.connection.name)}.${client.escapeIdentifier(table)}`)} WHERE ${search}`);
    expect(text).toContain('LIKE');
    const found = await client.query(text, values);
    expect(found.rowCount).toBe(await Customer.collection.countDocuments({ searchText: /harbor/ }));
    expect(found.rowCount).toBeGreaterThan(0);
    // The demo's few hundred rows are read whole anyway; with that priced out, the index is the way
    // (beside a tenant's equality the planner weighs it against the tenant's index, by the figures).
    await client.query('SET enable_seqscan = off');
    try {
      const { rows } = await client.query(`EXPLAIN ${text}`, values);
      expect(rows.map((r) => r['QUERY PLAN'] as string).join('\n')).toMatch(/Bitmap Index Scan on sfa_trg_/);
    } finally {
      await client.query('RESET enable_seqscan');
    }
  });

  it('reads documents stored uncompressed in a searched table (customers), while others are compressed as PostgreSQL does (orders)', async () => {
    // A stored value's size is its size in memory when it is not compressed (text round trip: a fresh, plain value).
    const compressed = async (collection: string) => {
      const { table } = await ginIndexesOf(collection);
      const { rows } = await client.query<{ n: string; compressed: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE pg_column_size(_jsonb) < pg_column_size(_jsonb::text::jsonb)) AS compressed FROM ${client.escapeIdentifier(mongoose.connection.name)}.${client.escapeIdentifier(table)}`,
      );
      return { n: Number(rows[0]!.n), compressed: Number(rows[0]!.compressed) };
    };
    const customers = await compressed('customers');
    expect(customers.n).toBeGreaterThan(100);
    expect(customers.compressed).toBe(0);
    // The demo's orders are over 2 KB of JSON: without the setting, PostgreSQL compresses them.
    const orders = await compressed('orders');
    expect(orders.compressed).toBeGreaterThan(orders.n / 2);
  });
});

describe.skipIf(!postgresUrl)('the index of whether a document breaks its schema', () => {
  it('answers each read’s check from its end, even before any statistics of it were gathered (rows loaded after the index was made)', async () => {
    const { table } = await ginIndexesOf('orders');
    const relation = `${client.escapeIdentifier(mongoose.connection.name)}.${client.escapeIdentifier(table)}`;
    // As after a load into a table analysed while empty (the test harness, a fresh install): no
    // statistics of the indexed expression. The check asked as a condition was then planned as a
    // scan of the table, each read's (2.4 s a read of 2,000 orders under 100 readers).
    await client.query(
      `DELETE FROM pg_statistic WHERE starelid IN (SELECT indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass AND c.relname LIKE 'sfa\\_brk\\_%')`,
      [relation],
    );
    const reads = readsFor(mongoose.connection.db!.collection('orders'))!;
    const probe = render(sql`SELECT ${breaksOf(reads, 'orders', textSql(relation))} AS breaks`);
    const { rows } = await client.query(`EXPLAIN ${probe.text}`, probe.values);
    const plan = rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan Backward using sfa_brk_/);
    expect(plan).not.toMatch(/Seq Scan/);
    expect((await client.query(probe.text, probe.values)).rows).toEqual([{ breaks: false }]);
  });
});

describe('equality paths from the mongoose index declarations', () => {
  it('are the tenant keys, references, enums and string lookups, never the sort keys', () => {
    expect(pathsOf('customers')).toEqual(['_id', 'distributorId', 'email', 'resellerId']);
    expect(pathsOf('users')).toEqual(['_id', 'customerId', 'distributorId', 'email', 'loginRealm', 'resellerId', 'role']);
    expect(pathsOf('orders')).toEqual(['_id', 'customerId', 'distributorId', 'number', 'resellerId', 'status']);
    expect(pathsOf('sessions')).toEqual(['_id', 'userId']);
    expect(pathsOf('accounttokens')).toEqual(['_id', 'purpose', 'userId']);
  });
});

describe('ordered indexes from the mongoose index declarations', () => {
  it('follow each declared index over one-kind fields, in its order and direction, a missing value read as null', () => {
    const ordered = orderedIndexesOf(Order);
    expect(ordered).toContainEqual([
      `(COALESCE((_jsonb -> 'distributorId'), 'null'::jsonb)) ASC`,
      `(COALESCE((_jsonb -> 'resellerId'), 'null'::jsonb)) ASC`,
      `(COALESCE((_jsonb -> 'orderedAt'), 'null'::jsonb)) DESC`,
      `((_jsonb -> '_id')) DESC`,
    ]);
    // Every declared index but those over an array (a customer's price levels), which MongoDB
    // matches element by element and FerretDB answers (postgres-reads/filter-sql.ts).
    const overArrays = Customer.schema.indexes().filter(([keys]) => Object.keys(keys).includes('priceLevelIds'));
    expect(overArrays).toHaveLength(2);
    expect(orderedIndexesOf(Customer)).toHaveLength(Customer.schema.indexes().length - overArrays.length);
  });
});

describe.skipIf(!postgresUrl)('GIN indexes on the embedded PostgreSQL', () => {
  it('exist for every equality path, and serve FerretDB\'s pushed-down equality when planned with the values', async () => {
    const { table, indexes } = await ginIndexesOf('orders');
    expect(indexes).toHaveLength(pathsOf('orders')!.length);
    expect(indexes.every((i) => i.indexdef.includes('jsonb_path_ops'))).toBe(true);
    // One customer's orders among 2,100 (ObjectIds are stored as their hex string).
    const customerId = demoId('customer:cash:3').toHexString();
    expect(await Order.collection.countDocuments({ customerId: demoId('customer:cash:3') })).toBeGreaterThan(0);
    expect(await planOf(table, 'customerId', customerId, 'force_custom_plan')).toMatch(/Bitmap Index Scan on sfa_eq_/);
    // Why the URL sets plan_cache_mode: a generic plan cannot match `_jsonb->$1` to the index.
    expect(await planOf(table, 'customerId', customerId, 'force_generic_plan')).not.toMatch(/sfa_eq_/);
    expect(ferretDbPostgresUrl(postgresUrl)).toMatch(/[?&]plan_cache_mode=force_custom_plan/);
  });

  it('serve sign-in\'s lookup of a user by email', async () => {
    const { table } = await ginIndexesOf('users');
    expect(await planOf(table, 'email', 'reseller.cash@demo.example', 'force_custom_plan')).toMatch(/Bitmap Index Scan on sfa_eq_/);
  });

  it('are created once, and again for a collection dropped and made anew (by the periodic upkeep)', async () => {
    expect(await ensurePostgresIndexes(postgresUrl, mongoose.connection.name)).toBe(0);
    await Customer.collection.drop();
    await syncAllIndexes();
    expect((await ginIndexesOf('customers')).indexes).toHaveLength(0);
    const { indexes } = await runHousekeeping({ postgresUrl, monthlyInvoices: false });
    // The GIN equality indexes, the ordered ones of every declared index, the index of whether
    // a document breaks the schema (postgres-reads/), and the trigram index of the search text.
    expect(indexes).toBe(pathsOf('customers')!.length + orderedIndexesOf(Customer).length + 1 + 1);
    expect((await ginIndexesOf('customers')).indexes).toHaveLength(pathsOf('customers')!.length);
  });
});
