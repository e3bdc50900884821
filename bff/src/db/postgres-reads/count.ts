import { UnsupportedQueryError } from './filter-sql.js';
import type { PostgresReads } from './postgres-reads.js';
import { breaksOf, NonConformingDataError, pageSql, planRead } from './read-plan.js';
import { bound, sql } from './sql.js';

/**
 * `countDocuments` in PostgreSQL: `count(*)` over the condition (an index-only count of a tenant's
 * rows where PostgreSQL can). Throws UnsupportedQueryError for what FerretDB must count.
 */
export async function countDocuments(reads: PostgresReads, collection: string, filter: unknown, options: Record<string, unknown> = {}): Promise<number> {
  // The driver counts with `$limit: n`, which MongoDB refuses for 0 or less (find reads 0 as "all").
  if (typeof options.limit === 'number' && options.limit <= 0) throw new UnsupportedQueryError(`countDocuments limit ${options.limit}`);
  const plan = planRead(reads, collection, filter, options);
  const statement = bound((table) => sql`SELECT count(*)::int AS n, ${breaksOf(reads, collection, table)} AS breaks FROM (SELECT 1 FROM ${table} WHERE ${plan.where}${pageSql(plan)}) q`);
  const rows = await reads.query<{ n: number; breaks: boolean }>(collection, statement.text, statement.values);
  if (rows?.[0]?.breaks) throw new NonConformingDataError(collection);
  return rows?.[0]?.n ?? 0;
}
