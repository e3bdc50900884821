/**
 * A document field as a PostgreSQL expression on FerretDB's `_jsonb` column. Written one way only
 * (here), because PostgreSQL uses an expression index only for a query that spells the expression
 * the same: the indexes (postgres-indexes.ts) and the reads (filter-sql.ts) both come from here.
 */

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Path parts that need no quoting inside a PostgreSQL text-array literal. */
const PLAIN_PART = /^[A-Za-z0-9_-]+$/;

export class UnsupportedPathError extends Error {
  override name = 'UnsupportedPathError';
}

function partsOf(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$') || p.includes('\0')) || (parts.length > 1 && !parts.every((p) => PLAIN_PART.test(p)))) {
    throw new UnsupportedPathError(`field path ${JSON.stringify(path)}`);
  }
  return parts;
}

/** The field's value as jsonb (SQL NULL when the field is missing). */
export function jsonPath(path: string): string {
  const parts = partsOf(path);
  return parts.length === 1 ? `(_jsonb -> ${literal(path)})` : `(_jsonb #> ${literal(`{${parts.join(',')}}`)})`;
}

/**
 * The field's value as MongoDB compares and sorts it: a missing field is null (jsonb `null`, the
 * least of all jsonb values, as null is first in MongoDB's order). Conditions, sorts and the
 * ordered indexes all use this one expression, so an index serves them. `_id` is never missing,
 * and FerretDB's own unique index on `(_jsonb -> '_id')` serves a lookup by it.
 */
export function valuePath(path: string): string {
  return path === '_id' ? jsonPath(path) : `COALESCE(${jsonPath(path)}, 'null'::jsonb)`;
}

/** The field's value as text (a string field's characters). */
export function textPath(path: string): string {
  const parts = partsOf(path);
  return parts.length === 1 ? `(_jsonb ->> ${literal(path)})` : `(_jsonb #>> ${literal(`{${parts.join(',')}}`)})`;
}

/** Whether the document has the field (top-level fields only; deeper ones via jsonPath IS NOT NULL). */
export function hasField(path: string): string {
  const parts = partsOf(path);
  return parts.length === 1 ? `(_jsonb ? ${literal(path)})` : `(${jsonPath(path)} IS NOT NULL)`;
}

/** The sjson type name of a top-level field's value (`objectId`, `date`, …), for decoding it. */
export function typePath(path: string): string {
  const parts = partsOf(path);
  // Inside a text-array literal every part must be plain, even a lone one.
  if (!parts.every((p) => PLAIN_PART.test(p))) throw new UnsupportedPathError(`field path ${JSON.stringify(path)}`);
  return `(_jsonb #>> ${literal(`{$s,${parts.flatMap((p, i) => (i === 0 ? ['p', p] : ['$s', 'p', p])).join(',')},t}`)})`;
}
