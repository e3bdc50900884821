import { createHash } from 'node:crypto';
import type { Schema } from 'mongoose';
import pg from 'pg';
import { registeredModels } from './model-registry.js';
import { fieldKindsOf } from './postgres-reads/field-kinds.js';
import { breaksSchemaSql } from './postgres-reads/schema-conformance.js';
import { jsonPath, textPath, valuePath } from './postgres-reads/sql-path.js';

/**
 * FerretDB v1 on PostgreSQL stores each collection as a table of one `_jsonb` column and turns a
 * top-level equality (`{resellerId: x}`) into `_jsonb->'resellerId' @> '"x"'`. Its own indexes are
 * btree on `_jsonb->'f'`, which `@>` cannot use, so every tenant query read the whole table. A GIN
 * `jsonb_path_ops` index on the same expression serves it (measured in issue 11: 4–6 s → 30–40 ms
 * for a page of a 1,000-customer reseller in 100k customers).
 *
 * Which fields: derived from the mongoose index declarations, which stay exactly what MongoDB uses
 * in production. A declared index key is compared for equality, and gets a GIN index here, when it
 * is an ObjectId (tenant keys, references), has an enum (statuses, purposes), or is a string that
 * leads an index or belongs to a unique one (lookups: a user's email, an order number). Dates,
 * numbers and free-text sort keys are ranges and sorts, which FerretDB does not push down anyway.
 * `_id` always: FerretDB itself only indexes it with btree.
 *
 * Ordered (btree) indexes for the reads this app makes in PostgreSQL directly (postgres-reads/):
 * one per declared mongoose index over one-scalar fields, its keys in the declared order and
 * direction, on the expression the reads compare and sort by (a missing field read as null, as
 * MongoDB sorts it). FerretDB's own btree indexes are on the bare field, where a missing value is
 * SQL NULL and sorts apart from null, so a sorted page could not be read from them in order.
 *
 * Kept up idempotently: at start, after a seed, and by the periodic upkeep (housekeeping.ts), which
 * finds a collection dropped and made again (its table is new and has none).
 */

export interface EqualityPaths {
  collection: string;
  paths: string[];
}

function isEqualityKey(schema: Schema, key: string, indexKeys: string[], unique: boolean): boolean {
  if (key === '_id') return true;
  const type = schema.path(key) as unknown as { instance?: string; enumValues?: unknown[] } | undefined;
  if (!type) return false;
  if (type.instance === 'ObjectId' || (type.enumValues?.length ?? 0) > 0) return true;
  return type.instance === 'String' && (unique || indexKeys[0] === key);
}

/** The models' collections and the paths of each that get an equality index. */
interface IndexedModel {
  schema: Schema;
  collection: { collectionName: string };
}

export function equalityPathsOf(models: readonly IndexedModel[] = registeredModels() as unknown as IndexedModel[]): EqualityPaths[] {
  return models.map((model) => {
    const paths = new Set<string>(['_id']);
    for (const [fields, options] of model.schema.indexes()) {
      const keys = Object.keys(fields);
      for (const key of keys) if (isEqualityKey(model.schema, key, keys, Boolean(options?.unique))) paths.add(key);
    }
    return { collection: model.collection.collectionName, paths: [...paths].sort() };
  });
}

/** FerretDB's record of which table holds which collection (one per MongoDB database = schema). */
const METADATA_TABLE = '_ferretdb_database_metadata';

const hashOf = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 20);

/** An index wanted on a collection's table: its name, what follows `ON table`, and the extension it needs. */
interface WantedIndex {
  name: (table: string) => string;
  definition: string;
  extension?: 'pg_trgm';
}

function equalityIndexes(paths: string[]): WantedIndex[] {
  return paths.map((path) => ({ name: (table) => `sfa_eq_${hashOf(`${table}\0${path}`)}`, definition: `USING gin (${jsonPath(path)} jsonb_path_ops)` }));
}

/** The ordered indexes of a model: its declared indexes over one-scalar fields, as PostgreSQL expressions. */
export function orderedIndexesOf(model: IndexedModel): string[][] {
  const kinds = fieldKindsOf(model.schema);
  const indexes: string[][] = [];
  for (const [fields] of model.schema.indexes()) {
    const keys = Object.entries(fields);
    if (keys.some(([path, direction]) => (direction !== 1 && direction !== -1) || kinds(path) === 'other')) continue;
    indexes.push(keys.map(([path, direction]) => `(${valuePath(path)}) ${direction === 1 ? 'ASC' : 'DESC'}`));
  }
  return indexes;
}

function orderedIndexes(model: IndexedModel): WantedIndex[] {
  return orderedIndexesOf(model).map((columns) => ({ name: (table) => `sfa_ord_${hashOf(`${table}\0${columns.join()}`)}`, definition: `(${columns.join(', ')})` }));
}

/**
 * Trigram indexes (pg_trgm) for the string fields a model marks `substringSearch: true`: a search
 * for any part of a name or an email (`{$regex: 'harbor'}`, which the reads ask as `LIKE
 * '%harbor%'`) then reads the rows holding those letters, not the tenant's every row (1 s at 100k
 * customers). MongoDB has no index for an unanchored pattern; there the same query reads the
 * tenant's rows through its index. Made only where the extension can be installed (the embedded
 * PostgreSQL; an external one may refuse): without them the reads are the same, only slower.
 */
const TRIGRAM_PREFIX = 'sfa_trg_';

function substringSearchPaths(model: IndexedModel): string[] {
  const kinds = fieldKindsOf(model.schema);
  const paths: string[] = [];
  model.schema.eachPath((path, type) => {
    if ((type.options as { substringSearch?: boolean }).substringSearch && kinds(path) === 'string') paths.push(path);
  });
  return paths;
}

function trigramIndexes(model: IndexedModel): WantedIndex[] {
  const paths = substringSearchPaths(model);
  return paths.map((path) => ({ name: (table) => `${TRIGRAM_PREFIX}${hashOf(`${table}\0${path}`)}`, definition: `USING gin ((${textPath(path)}) gin_trgm_ops)`, extension: 'pg_trgm' as const }));
}

/**
 * The tables a substring search reads keep their documents uncompressed. PostgreSQL compresses a
 * row over ~2 KB (a customer's ~4 KB of JSON becomes ~1.6 KB) and decompresses the whole document
 * again for every field a statement reads from it: a search reads thousands of matching rows for
 * its page and its count, and spent most of its time decompressing (100k customers, "harbor" in
 * 4,845: 146 ms compressed, 24 ms not; the table 3.2 times larger). A row is compressed only
 * from `toast_tuple_target` bytes on, so the largest target leaves these documents as they are.
 * Rows written before keep their form until they are next written.
 */
const UNCOMPRESSED_UP_TO = 8160;
const UNCOMPRESSED_OPTION = `toast_tuple_target=${UNCOMPRESSED_UP_TO}`;

async function keepUncompressed(client: pg.Client, dbName: string, tables: Map<string, string>, models: readonly IndexedModel[]): Promise<void> {
  for (const model of models) {
    const table = tables.get(model.collection.collectionName);
    if (!table || substringSearchPaths(model).length === 0) continue;
    const { rows } = await client.query<{ reloptions: string[] | null }>(
      'SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
      [dbName, table],
    );
    if (rows[0]?.reloptions?.includes(UNCOMPRESSED_OPTION)) continue;
    await client.query(`ALTER TABLE ${client.escapeIdentifier(dbName)}.${client.escapeIdentifier(table)} SET (toast_tuple_target = ${UNCOMPRESSED_UP_TO})`);
  }
}

/** Any number: the advisory lock under which pg_trgm is installed. */
const TRIGRAM_INSTALL_LOCK = 7_302_215;

/**
 * Installs pg_trgm when it can; false where it cannot (no such extension, or no right to install
 * it). Under an advisory lock: two `CREATE EXTENSION IF NOT EXISTS` at once (several BFF processes
 * or test workers starting on one database) both try to create it, and the second fails on a
 * duplicate key once the first commits; with the lock it finds it there instead.
 */
export async function trigramsAvailable(client: pg.Client): Promise<boolean> {
  const installed = async () => Boolean((await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount);
  if (await installed()) return true;
  await client.query('SELECT pg_advisory_lock($1)', [TRIGRAM_INSTALL_LOCK]);
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    return true;
  } catch {
    return installed();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TRIGRAM_INSTALL_LOCK]);
  }
}

/**
 * Whether each document breaks the model's schema (postgres-reads/schema-conformance.ts), as an
 * index on that very expression, so that each read's check ("does any document break it?") is one
 * index probe. Not a partial index of the breaking documents: the planner keeps no statistics on a
 * partial index's predicate, guessed that nearly every row broke the schema, and so chose to scan
 * the table for the first one (12 s a read at 100k customers); it keeps them on an indexed
 * expression, and reads the index.
 */
const NON_CONFORMING_PREFIX = 'sfa_brk_';

function nonConformingIndex(model: IndexedModel): WantedIndex {
  const predicate = breaksSchemaSql(model.schema);
  return { name: (table) => `${NON_CONFORMING_PREFIX}${hashOf(`${table}\0${predicate}`)}`, definition: `((${predicate}))` };
}

/** Every collection's wanted indexes. */
function wantedIndexes(models: readonly IndexedModel[]): Map<string, WantedIndex[]> {
  const equality = new Map(equalityPathsOf(models).map((e) => [e.collection, equalityIndexes(e.paths)]));
  return new Map(
    models.map((m) => [m.collection.collectionName, [...(equality.get(m.collection.collectionName) ?? []), ...orderedIndexes(m), nonConformingIndex(m), ...trigramIndexes(m)]]),
  );
}

/** The tables of MongoDB database `dbName` by collection name (FerretDB's metadata), empty when it has none. */
async function tablesOf(client: pg.Client, dbName: string): Promise<Map<string, string>> {
  const { rowCount: hasSchema } = await client.query('SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [dbName, METADATA_TABLE]);
  if (!hasSchema) return new Map();
  const { rows } = await client.query<{ collection: string; tbl: string }>(
    `SELECT _jsonb->>'_id' AS collection, _jsonb->>'table' AS tbl FROM ${client.escapeIdentifier(dbName)}.${client.escapeIdentifier(METADATA_TABLE)}`,
  );
  return new Map(rows.map((r) => [r.collection, r.tbl]));
}

async function withClient<T>(postgresUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs a bulk load (a benchmark seed) with this app's indexes on `collections` dropped, then makes
 * them again and refreshes the planner's statistics: building an index once over the loaded rows
 * is much cheaper than keeping it up row by row (measured: `pnpm seed --customers 10000 --orders
 * 100000` went from about 1,000 to 1,900 documents/s). FerretDB's own indexes, its unique ones
 * included, stay in place throughout.
 * Without a PostgreSQL URL (MongoDB) it just runs the load.
 */
export async function withPostgresIndexesDeferred<T>(postgresUrl: string | null | undefined, dbName: string, collections: string[], load: () => Promise<T>): Promise<T> {
  if (!postgresUrl) return load();
  await withClient(postgresUrl, async (client) => {
    const tables = await tablesOf(client, dbName);
    // Before the load, which its rows' form follows.
    await keepUncompressed(client, dbName, tables, registeredModels() as unknown as IndexedModel[]);
    const ours = collections.flatMap((c) => (tables.has(c) ? [tables.get(c)!] : []));
    const { rows } = await client.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2) AND indexname LIKE 'sfa\\_%'",
      [dbName, ours],
    );
    for (const { indexname } of rows) await client.query(`DROP INDEX IF EXISTS ${client.escapeIdentifier(dbName)}.${client.escapeIdentifier(indexname)}`);
  });
  try {
    return await load();
  } finally {
    await ensurePostgresIndexes(postgresUrl, dbName);
    await withClient(postgresUrl, async (client) => {
      const tables = await tablesOf(client, dbName);
      for (const c of collections) {
        if (tables.has(c)) await client.query(`ANALYZE ${client.escapeIdentifier(dbName)}.${client.escapeIdentifier(tables.get(c)!)}`);
      }
    });
  }
}

/**
 * Creates the missing GIN and ordered indexes of MongoDB database `dbName` (a schema of FerretDB's
 * PostgreSQL database) and answers how many it created.
 */
export async function ensurePostgresIndexes(postgresUrl: string, dbName: string, models: readonly IndexedModel[] = registeredModels() as unknown as IndexedModel[]): Promise<number> {
  const wanted = wantedIndexes(models);
  return withClient(postgresUrl, async (client) => {
    const schema = client.escapeIdentifier(dbName);
    const tables = await tablesOf(client, dbName);
    if (tables.size === 0) return 0;
    await keepUncompressed(client, dbName, tables, models);
    const { rows: existing } = await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [dbName]);
    const present = new Set(existing.map((r) => r.indexname));
    const trigrams = [...wanted.values()].some((indexes) => indexes.some((i) => i.extension === 'pg_trgm')) && (await trigramsAvailable(client));
    let created = 0;
    for (const [collection, indexes] of wanted) {
      const table = tables.get(collection);
      if (!table) continue;
      // Ours (sfa_) but no longer wanted: an older form, or made for a schema that has changed since.
      const names = new Set(indexes.map((index) => index.name(table)));
      const { rows: stale } = await client.query<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE 'sfa\\_%'",
        [dbName, table],
      );
      for (const { indexname } of stale) {
        if (!names.has(indexname)) await client.query(`DROP INDEX IF EXISTS ${schema}.${client.escapeIdentifier(indexname)}`);
      }
      for (const index of indexes) {
        const name = index.name(table);
        if (present.has(name) || (index.extension === 'pg_trgm' && !trigrams)) continue;
        await client.query(`CREATE INDEX IF NOT EXISTS ${client.escapeIdentifier(name)} ON ${schema}.${client.escapeIdentifier(table)} ${index.definition}`);
        created++;
        // The planner reads an indexed expression's statistics, which only ANALYZE gathers: until
        // then it guesses, and for the schema check it guessed a table scan (see nonConformingIndex);
        // a substring's share of the rows is read from them too.
        if (name.startsWith(NON_CONFORMING_PREFIX) || name.startsWith(TRIGRAM_PREFIX)) await client.query(`ANALYZE ${schema}.${client.escapeIdentifier(table)}`);
      }
    }
    return created;
  });
}
