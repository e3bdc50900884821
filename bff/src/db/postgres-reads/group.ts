import { SqlParams, UnsupportedQueryError, whereOf } from './filter-sql.js';
import { documents } from './find-cursor.js';
import { planRead } from './read-plan.js';
import type { PostgresReads } from './postgres-reads.js';
import { decodeScalar } from './sjson.js';
import { jsonPath, typePath, valuePath } from './sql-path.js';

/**
 * The aggregations this app runs for its figures, as one SQL `GROUP BY`: any `$match` stages (the
 * tenant plugin puts the scope first), then one `$group` by nothing or by a field, with `$sum` of
 * a constant (a count) or of a number field. A `$match` the SQL cannot say exactly is grouped here,
 * over the documents it selects. Anything else throws UnsupportedQueryError and FerretDB
 * aggregates. (FerretDB v1.24.2 also answered some `$sum`s of a number field with 0: see the tests.)
 */

type Doc = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const HARMLESS_OPTIONS = new Set(['session', 'maxTimeMS', 'comment', 'allowDiskUse', 'readPreference', 'timeoutMS', 'batchSize', 'cursor']);

interface Sum {
  name: string;
  /** A constant added per document, or the number field summed. */
  constant?: number;
  field?: string;
}

function sumOf(name: string, spec: unknown, kindOf: (path: string) => string): Sum {
  const sum = isPlainObject(spec) && Object.keys(spec).length === 1 ? spec.$sum : undefined;
  if (typeof sum === 'number' && Number.isFinite(sum)) return { name, constant: sum };
  if (typeof sum === 'string' && sum.startsWith('$') && kindOf(sum.slice(1)) === 'number') return { name, field: sum.slice(1) };
  throw new UnsupportedQueryError(`accumulator ${name}`);
}

/** The groups of the documents a $match the SQL cannot say exactly selects, each checked and counted here. */
async function groupHere(reads: PostgresReads, collection: string, match: unknown, byField: string | null, sums: Sum[]): Promise<Doc[]> {
  const groups = new Map<string, Doc>();
  for await (const doc of documents(reads, collection, planRead(reads, collection, match, {}))) {
    const key = byField === null ? null : (doc[byField] ?? null);
    const id = JSON.stringify(key);
    let group = groups.get(id);
    if (!group) {
      group = { _id: key, ...Object.fromEntries(sums.map((s) => [s.name, 0])) };
      groups.set(id, group);
    }
    for (const s of sums) {
      const value = s.field === undefined ? s.constant : doc[s.field];
      if (typeof value === 'number') (group[s.name] as number) += value;
    }
  }
  return [...groups.values()];
}

export async function groupDocuments(reads: PostgresReads, collection: string, pipeline: unknown, options: Doc = {}): Promise<Doc[]> {
  const kinds = reads.kindsOf(collection);
  if (!kinds) throw new UnsupportedQueryError(`collection ${collection} has no model`);
  if (Object.keys(options).some((k) => options[k] !== undefined && !HARMLESS_OPTIONS.has(k))) throw new UnsupportedQueryError('aggregate options');
  if (!Array.isArray(pipeline) || pipeline.length === 0) throw new UnsupportedQueryError('an empty pipeline');
  const matches = pipeline.slice(0, -1);
  const last = pipeline[pipeline.length - 1] as unknown;
  if (!matches.every((stage) => isPlainObject(stage) && Object.keys(stage).join() === '$match')) throw new UnsupportedQueryError('stages other than $match before $group');
  if (!isPlainObject(last) || Object.keys(last).join() !== '$group' || !isPlainObject(last.$group)) throw new UnsupportedQueryError('a pipeline not ending in $group');

  const match = { $and: matches.map((stage) => (stage as { $match: unknown }).$match) };
  const { _id: by, ...accumulators } = last.$group;
  const byField = by === null ? null : typeof by === 'string' && by.startsWith('$') && kinds(by.slice(1)) !== 'other' ? by.slice(1) : undefined;
  if (byField === undefined) throw new UnsupportedQueryError('$group by an expression');
  const sums = Object.entries(accumulators).map(([name, spec]) => sumOf(name, spec, kinds));

  const params = new SqlParams();
  const condition = whereOf(match, kinds, params);
  if (!condition.exact) return groupHere(reads, collection, match, byField, sums);
  const where = params.bind(condition.sql);

  const columns = sums.map((s, i) =>
    s.field === undefined
      ? `count(*) * ${s.constant} AS s${i}`
      : `COALESCE(sum(CASE WHEN jsonb_typeof(${jsonPath(s.field)}) = 'number' THEN (${jsonPath(s.field)})::numeric END), 0) AS s${i}`,
  );
  // MongoDB puts a missing field and null in one group, `_id: null`.
  const key = byField === null ? null : valuePath(byField);
  const rows = await reads.query<Record<string, unknown>>(
    collection,
    (table) =>
      key === null
        ? `SELECT ${columns.join(', ')} FROM ${table} WHERE ${where.sql} HAVING count(*) > 0`
        : `SELECT ${key} AS k, min(${typePath(byField!)}) AS t${columns.map((c) => `, ${c}`).join('')} FROM ${table} WHERE ${where.sql} GROUP BY 1`,
    where.values,
  );
  return (rows ?? []).map((row) => {
    const doc: Doc = { _id: key === null ? null : decodeScalar(row.k, row.t as string | null) };
    sums.forEach((s, i) => (doc[s.name] = Number(row[`s${i}`])));
    return doc;
  });
}
