import { simpleProjection } from '../projection.js';
import { orderByOf, testsSubstring, UnsupportedQueryError, whereOf } from './filter-sql.js';
import type { PostgresReads } from './postgres-reads.js';
import { sql, text, type Sql } from './sql.js';

/**
 * One find or count as SQL: the condition, the order, how many to skip and keep, and the
 * projection applied to each document read. Throws UnsupportedQueryError for what only FerretDB
 * can answer (an option, an operator, a field path), and the caller asks FerretDB.
 */

type Doc = Record<string, unknown>;

export interface ReadPlan {
  where: Sql;
  orderBy: Sql;
  /**
   * Find the matching rows first, then order them (a substring search): see selectSql
   * (find-cursor.ts).
   */
  matchesFirst: boolean;
  skip: number;
  /** 0: all. */
  limit: number;
  batchSize: number;
  project: ((doc: Doc) => Doc) | null;
}

/**
 * The collection holds a document its schema does not describe, on which the SQL would not answer
 * as MongoDB (schema-conformance.ts): FerretDB answers instead.
 */
export class NonConformingDataError extends UnsupportedQueryError {
  override name = 'NonConformingDataError';
  constructor(collection: string) {
    super(`${collection} holds documents its schema does not describe`);
  }
}

/** Options that change nothing about the answer (or that FerretDB ignores as well). */
const HARMLESS_OPTIONS = new Set(['singleBatch', '_populateBatchSize', 'session', 'maxTimeMS', 'comment', 'noCursorTimeout', 'allowDiskUse', 'readPreference', 'timeoutMS']);

function count(value: unknown, name: string, negative: 'abs' | 'refuse'): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new UnsupportedQueryError(`${name} ${String(value)}`);
  // MongoDB refuses a negative skip; a negative limit is one batch of that many: the same documents.
  if (value < 0 && negative === 'refuse') throw new UnsupportedQueryError(`${name} ${value}`);
  return Math.abs(value);
}

/**
 * A column: whether the collection holds a document its schema does not describe. Asked in the
 * statement that reads, so in the same snapshot as the answer. Asked as "the largest value of the
 * indexed expression" (postgres-indexes.ts, nonConformingIndex), which the planner answers from the
 * end of that index whatever its statistics say: asked as a condition (`EXISTS … WHERE breaks`) it
 * chose by the expression's statistics, and until an ANALYZE had gathered them (data loaded after
 * the index was made) it guessed half the rows and scanned the table for the first — 2.4 s a read
 * of 2,000 orders under 100 concurrent readers. The expression is never null; an empty table breaks nothing.
 */
export function breaksOf(reads: PostgresReads, collection: string, table: Sql): Sql {
  const breaks = text(reads.breaksSchemaOf(collection)!);
  return sql`COALESCE((SELECT (${breaks}) FROM ${table} ORDER BY (${breaks}) DESC LIMIT 1), false)`;
}

export function planRead(reads: PostgresReads, collection: string, filter: unknown, options: Record<string, unknown>): ReadPlan {
  const kinds = reads.kindsOf(collection);
  if (!kinds) throw new UnsupportedQueryError(`collection ${collection} has no model`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || HARMLESS_OPTIONS.has(key) || ['sort', 'skip', 'limit', 'projection', 'batchSize'].includes(key)) continue;
    // raw, promoteLongs… change what the driver hands back: FerretDB's cursor does it.
    throw new UnsupportedQueryError(`option ${key}`);
  }
  const project = simpleProjection(options.projection);
  if (project === undefined) throw new UnsupportedQueryError('a projection of nested fields or expressions');
  const where = whereOf(filter, kinds);
  const orderBy = orderByOf(options.sort, kinds);
  return {
    where,
    orderBy,
    matchesFirst: testsSubstring(where) && !orderBy.is(''),
    skip: count(options.skip, 'skip', 'refuse'),
    limit: count(options.limit, 'limit', 'abs'),
    batchSize: count(options.batchSize, 'batchSize', 'abs') || 1000,
    project,
  };
}

/** `OFFSET … LIMIT …`. */
export function pageSql(plan: Pick<ReadPlan, 'skip' | 'limit'>): Sql {
  return text(`${plan.skip > 0 ? ` OFFSET ${plan.skip}` : ''}${plan.limit > 0 ? ` LIMIT ${plan.limit}` : ''}`);
}
