import { documents } from './find-cursor.js';
import type { PostgresReads } from './postgres-reads.js';
import { pageSql, planRead } from './read-plan.js';

/**
 * `countDocuments` in PostgreSQL: `count(*)` over an exact condition (an index-only count of a
 * tenant's rows), or the selected documents checked one by one. Throws UnsupportedQueryError for
 * what FerretDB must count.
 */
export async function countDocuments(reads: PostgresReads, collection: string, filter: unknown, options: Record<string, unknown> = {}): Promise<number> {
  const plan = planRead(reads, collection, filter, options);
  if (!plan.where.exact) {
    let n = 0;
    for await (const _ of documents(reads, collection, plan)) n++;
    return n;
  }
  const rows = await reads.query<{ n: number }>(collection, (table) => `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE ${plan.where.sql}${pageSql(plan)}) q`, plan.values);
  return rows?.[0]?.n ?? 0;
}
