import { UnsupportedQueryError, whereOf } from './filter-sql.js';
import type { PostgresReads } from './postgres-reads.js';
import { breaksOf, NonConformingDataError } from './read-plan.js';
import { decodeScalar, parseStored } from './sjson.js';
import { bound, join, sql, text } from './sql.js';
import { jsonPath, typePath, valuePath } from './sql-path.js';

/**
 * The aggregations this app runs for its figures, as one SQL `GROUP BY`: any `$match` stages (the
 * tenant plugin puts the scope first), then one `$group` by nothing or by a field, with `$sum` of
 * a constant (a count) or of a number field. Anything else throws UnsupportedQueryError and
 * FerretDB aggregates. Sums are exact (numeric), as MongoDB's are to within a double's precision;
 * FerretDB v1.24.2 answered some `$sum`s of a number field with 0 (see the tests).
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

/**
 * A sum of a number field as MongoDB gives it. Whole numbers within 2^53 add up exactly in SQL and
 * in MongoDB alike (the app sums cents). A fraction is another matter: MongoDB adds the doubles'
 * binary values (0.1 + 0.2 is 0.30000000000000004 there), PostgreSQL their decimal text (0.3), so
 * such a sum is FerretDB's to answer.
 */
function exactSum(total: string, whole: boolean): number {
  const n = Number(total);
  if (!whole || !Number.isSafeInteger(n)) throw new UnsupportedQueryError('a $sum of fractions or beyond 2^53');
  return n;
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

  const match = matches.length === 0 ? {} : { $and: matches.map((stage) => (stage as { $match: unknown }).$match) };
  const { _id: by, ...accumulators } = last.$group;
  const byField = by === null ? null : typeof by === 'string' && by.startsWith('$') && kinds(by.slice(1)) !== 'other' ? by.slice(1) : undefined;
  if (byField === undefined) throw new UnsupportedQueryError('$group by an expression');
  const sums = Object.entries(accumulators).map(([name, spec]) => sumOf(name, spec, kinds));

  const where = whereOf(match, kinds);
  const number = (field: string) => `(CASE WHEN jsonb_typeof(${jsonPath(field)}) = 'number' THEN (${jsonPath(field)})::numeric END)`;
  const columns = sums.flatMap((s, i) =>
    s.field === undefined
      ? [text(`count(*) * ${s.constant} AS s${i}`)]
      : [
          text(`COALESCE(sum(${number(s.field)}), 0)::text AS s${i}`),
          // Whether every value summed is whole: see exactSum().
          text(`COALESCE(bool_and(${number(s.field)} = trunc(${number(s.field)})), TRUE) AS w${i}`),
        ],
  );
  // MongoDB puts a missing field and null in one group, `_id: null`.
  const key = byField === null ? null : text(valuePath(byField));
  const statement = bound((table) => {
    const breaks = breaksOf(reads, collection, table);
    const selected = join([...(key === null ? [] : [sql`(${key})::text AS k`, text(`min(${typePath(byField!)}) AS t`)]), ...columns, sql`${breaks} AS breaks`], ', ');
    return key === null
      ? sql`SELECT ${selected} FROM ${table} WHERE ${where} HAVING count(*) > 0`
      : sql`SELECT ${selected} FROM ${table} WHERE ${where} GROUP BY 1`;
  });
  // MongoDB's own time limit of the operation, when it names one (a recount of a whole tenant does).
  const timeoutMs = typeof options.maxTimeMS === 'number' && options.maxTimeMS > 0 ? options.maxTimeMS : undefined;
  const rows = (await reads.query<Record<string, unknown>>(collection, statement.text, statement.values, timeoutMs)) ?? [];
  if (rows.length === 0) {
    const probe = bound((table) => sql`SELECT ${breaksOf(reads, collection, table)} AS breaks`);
    if ((await reads.query<{ breaks: boolean }>(collection, probe.text, probe.values))?.[0]?.breaks) throw new NonConformingDataError(collection);
  } else if (rows[0]!.breaks) throw new NonConformingDataError(collection);
  return rows.map((row) => {
    const doc: Doc = { _id: key === null ? null : decodeScalar(parseStored(row.k as string), row.t as string | null) };
    sums.forEach((s, i) => (doc[s.name] = s.field === undefined ? Number(row[`s${i}`]) : exactSum(row[`s${i}`] as string, row[`w${i}`] as boolean)));
    return doc;
  });
}
