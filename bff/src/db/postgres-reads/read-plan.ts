import sift from 'sift';
import { simpleProjection } from '../projection.js';
import { orderByOf, SqlParams, UnsupportedQueryError, whereOf, type Condition } from './filter-sql.js';
import type { PostgresReads } from './postgres-reads.js';

/**
 * One find or count as SQL: the condition, the order, how many to skip and keep, and how the
 * selected documents are checked and cut down here. Throws UnsupportedQueryError for what only
 * FerretDB can answer (an option, an operator, a field path), and the caller asks FerretDB.
 */

type Doc = Record<string, unknown>;

export interface ReadPlan {
  where: Condition;
  values: unknown[];
  orderBy: string;
  skip: number;
  /** 0: all. */
  limit: number;
  batchSize: number;
  /** The filter as MongoDB means it, for the documents an inexact condition selects. */
  matches: (doc: Doc) => boolean;
  /**
   * Under test, every document an exact condition selects is checked too: one it should not have
   * selected fails the test that read it (a wrong translation, caught by the whole suite).
   */
  verify: ((doc: Doc) => boolean) | null;
  project: ((doc: Doc) => Doc) | null;
}

const VERIFY_EXACT = Boolean(process.env.VITEST);

/** Options that change nothing about the answer (or that FerretDB ignores as well). */
const HARMLESS_OPTIONS = new Set(['singleBatch', '_populateBatchSize', 'session', 'maxTimeMS', 'comment', 'noCursorTimeout', 'allowDiskUse', 'readPreference', 'timeoutMS', 'raw', 'promoteLongs', 'promoteValues', 'promoteBuffers']);

function count(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new UnsupportedQueryError(`${name} ${String(value)}`);
  // A negative limit is one batch of that many on MongoDB: the same documents.
  return Math.abs(value);
}

export function planRead(reads: PostgresReads, collection: string, filter: unknown, options: Record<string, unknown>): ReadPlan {
  const kinds = reads.kindsOf(collection);
  if (!kinds) throw new UnsupportedQueryError(`collection ${collection} has no model`);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || HARMLESS_OPTIONS.has(key) || ['sort', 'skip', 'limit', 'projection', 'batchSize'].includes(key)) continue;
    throw new UnsupportedQueryError(`option ${key}`);
  }
  if (options.raw || options.promoteLongs === false || options.promoteValues === false || options.promoteBuffers) throw new UnsupportedQueryError('raw BSON options');
  const params = new SqlParams();
  const condition = whereOf(filter, kinds, params);
  const { sql, values } = params.bind(condition.sql);
  const where = { sql, exact: condition.exact };
  const orderBy = orderByOf(options.sort, kinds);
  const project = simpleProjection(options.projection);
  if (project === undefined) throw new UnsupportedQueryError('a projection of nested fields or expressions');
  // Compiled only where a document is checked in JS (an inexact condition, or the tests' re-check).
  const check = () => sift((filter ?? {}) as never) as (doc: Doc) => boolean;
  return {
    where,
    values,
    orderBy,
    skip: count(options.skip, 'skip'),
    limit: count(options.limit, 'limit'),
    batchSize: count(options.batchSize, 'batchSize') || 1000,
    matches: where.exact ? () => true : check(),
    verify: where.exact && VERIFY_EXACT ? check() : null,
    project,
  };
}

/** `OFFSET … LIMIT …` where the database can apply them (an exact condition). */
export function pageSql(plan: ReadPlan): string {
  if (!plan.where.exact) return '';
  return `${plan.skip > 0 ? ` OFFSET ${plan.skip}` : ''}${plan.limit > 0 ? ` LIMIT ${plan.limit}` : ''}`;
}
