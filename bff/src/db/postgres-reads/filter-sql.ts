import type { FieldKinds } from './field-kinds.js';
import { encodeScalar, kindOf } from './sjson.js';
import { join, param, sql, text, type Sql } from './sql.js';
import { hasField, textPath, UnsupportedPathError, valuePath } from './sql-path.js';

/**
 * A MongoDB query filter as a PostgreSQL condition on FerretDB's `_jsonb` column, selecting
 * exactly the documents MongoDB would, or UnsupportedQueryError and FerretDB answers.
 *
 * Exact on documents that conform to the collection's mongoose schema (schema-conformance.ts: each
 * read checks that its collection holds no other kind). There a field of one scalar kind holds that
 * kind, null, or nothing, so MongoDB's type brackets reduce to "a value of another kind never
 * matches", arrays never need matching element by element, and jsonb orders values of one kind as
 * MongoDB does. Only what that argument covers is translated: a field the schema does not give one
 * scalar kind (arrays, Mixed, subdocuments) is compared by FerretDB, as is every operator or
 * pattern not listed here. Nothing is re-checked in this process: there is no second matcher to
 * disagree with MongoDB's.
 */

/** A filter this module cannot say exactly as MongoDB means it: FerretDB answers it. */
export class UnsupportedQueryError extends Error {
  override name = 'UnsupportedQueryError';
}

export const ALL = text('TRUE');
export const NONE = text('FALSE');

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isRegex = (v: unknown): v is RegExp | { pattern: string; options: string } =>
  v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';

function and(parts: Sql[]): Sql {
  if (parts.some((p) => p.is('FALSE'))) return NONE;
  const kept = parts.filter((p) => !p.is('TRUE'));
  if (kept.length === 0) return ALL;
  return kept.length === 1 ? kept[0]! : sql`(${join(kept, ' AND ')})`;
}

function or(parts: Sql[]): Sql {
  if (parts.some((p) => p.is('TRUE'))) return ALL;
  const kept = parts.filter((p) => !p.is('FALSE'));
  if (kept.length === 0) return NONE;
  return kept.length === 1 ? kept[0]! : sql`(${join(kept, ' OR ')})`;
}

/** NOT of a condition (SQL NULL, a missing field, counts as false before it is negated). */
function not(c: Sql): Sql {
  if (c.is('TRUE')) return NONE;
  if (c.is('FALSE')) return ALL;
  return sql`(NOT COALESCE(${c}, FALSE))`;
}

interface Field {
  path: string;
  kinds: FieldKinds;
}

const json = (v: unknown) => JSON.stringify(v);

/** The field's one scalar kind; a field of any other shape is FerretDB's to compare. */
function scalarKindOf(f: Field) {
  const kind = f.kinds(f.path);
  if (kind === 'other') throw new UnsupportedQueryError(`a condition on ${f.path}, which is not one scalar`);
  return kind;
}

function expr(build: (path: string) => string, path: string): Sql {
  try {
    return text(build(path));
  } catch (err) {
    throw err instanceof UnsupportedPathError ? new UnsupportedQueryError(err.message) : err;
  }
}

function equals(f: Field, value: unknown): Sql {
  const kind = scalarKindOf(f);
  // MongoDB's null matches null and a missing field, which valuePath() reads as null.
  if (value === null) return sql`(${expr(valuePath, f.path)} = 'null'::jsonb)`;
  if (isRegex(value)) return regex(f, value instanceof RegExp ? value.source : value.pattern, value instanceof RegExp ? value.flags : value.options);
  const valueKind = kindOf(value);
  if (valueKind === null) throw new UnsupportedQueryError(`equality with ${typeof value}`);
  // Type brackets: a conforming document holds nothing of another kind there.
  if (valueKind !== kind) return NONE;
  return sql`(${expr(valuePath, f.path)} = ${param(json(encodeScalar(value)), 'jsonb')})`;
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function range(f: Field, op: string, value: unknown): Sql {
  const kind = scalarKindOf(f);
  const valueKind = kindOf(value);
  if (valueKind === null) throw new UnsupportedQueryError(`${op} with ${value === null ? 'null' : typeof value}`);
  if (valueKind !== kind) return NONE;
  const e = expr(valuePath, f.path);
  const inRange = sql`${e} ${text(RANGE_SQL[op]!)} ${param(json(encodeScalar(value)), 'jsonb')}`;
  // A conforming document holds the field's kind there, or null (a missing field reads as null),
  // which is in no range: jsonb orders null below every value, so only "below" must leave it out.
  // Not a test of the value's type (jsonb_typeof), which the planner cannot estimate: it took such
  // a test to keep one row in 200 and planned for a handful of rows where thousands came.
  return op === '$gt' || op === '$gte' ? sql`(${inRange})` : sql`(${inRange} AND ${e} <> 'null'::jsonb)`;
}

function oneOf(f: Field, values: unknown): Sql {
  if (!Array.isArray(values)) throw new UnsupportedQueryError('$in without an array');
  const kind = scalarKindOf(f);
  if (values.some(isRegex)) throw new UnsupportedQueryError('$in with a regular expression');
  if (values.some((v) => v !== null && kindOf(v) === null)) throw new UnsupportedQueryError('$in with a document, an array or another type');
  const wanted = values.filter((v) => v === null || kindOf(v) === kind);
  if (wanted.length === 0) return NONE;
  // null in the list matches a missing field too, which valuePath() reads as null.
  return sql`(${expr(valuePath, f.path)} = ANY(${param(wanted.map((v) => json(encodeScalar(v))), 'jsonb[]')}))`;
}

/** The literal text a regular expression looks for, when it is nothing but that (and where it must be). */
function literalOf(pattern: string, flags: string): { text: string; anchored: boolean } | null {
  // i, x and the rest change what matches; m and s only matter with ^, $ or . (refused below).
  if (/[^ms]/.test(flags)) return null;
  let anchored = false;
  let rest = pattern;
  if (rest.startsWith('^') && !flags.includes('m')) {
    anchored = true;
    rest = rest.slice(1);
  }
  let literal = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1];
      // Only an escaped punctuation character is itself in PCRE (\d, \b, \Q, \1… are not).
      if (next === undefined || !/[!-/:-@[-`{-~]/.test(next)) return null;
      literal += next;
      i++;
    } else if ('.*+?()[]{}|^$#'.includes(c) || c.charCodeAt(0) < 0x20) {
      return null;
    } else {
      literal += c;
    }
  }
  return { text: literal, anchored };
}

const SUBSTRING_TEST = ' LIKE ';

/** Whether a condition tests for a part of a text anywhere in it (an unanchored pattern). */
export const testsSubstring = (condition: Sql): boolean => condition.parts.some((p) => p === SUBSTRING_TEST);

/** Text that LIKE reads as itself (its escape character is the backslash). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function regex(f: Field, pattern: unknown, flags: unknown): Sql {
  if (typeof pattern !== 'string' || (flags !== undefined && typeof flags !== 'string')) throw new UnsupportedQueryError('$regex that is not a string');
  const kind = scalarKindOf(f);
  // Reasons without the pattern: the suite lists each reason once (test/query-shapes.check.ts).
  if (/[^ms]/.test(flags ?? '')) throw new UnsupportedQueryError('a $regex with options other than m and s (PCRE’s caseless matching is not PostgreSQL’s)');
  const literal = literalOf(pattern, flags ?? '');
  if (!literal) throw new UnsupportedQueryError('a $regex that is not a literal text');
  // A regular expression matches strings only (and symbols, which FerretDB does not store).
  if (kind !== 'string') return NONE;
  // A conforming document holds a string there or null (a missing field reads as null), whose
  // text is SQL NULL: no test of the type is needed but for the empty pattern (see range()).
  if (literal.text === '') return sql`(${expr(valuePath, f.path)} <> 'null'::jsonb)`;
  const value = expr(textPath, f.path);
  // LIKE rather than strpos(): the same test (the database's collation is deterministic, so LIKE
  // compares characters exactly), and one a trigram index serves (postgres-indexes.ts).
  if (!literal.anchored) return sql`(${value}${text(SUBSTRING_TEST)}${param(`%${escapeLike(literal.text)}%`, 'text')})`;
  return sql`starts_with(${value}, ${param(literal.text, 'text')})`;
}

/**
 * `field.0` of a top-level field exists exactly when `_jsonb #> '{field,0}'` is not SQL NULL: a
 * non-empty array (its first element; were it an array of documents, one with a field "0" would
 * make it non-empty anyway), or a document with a field "0". Not so for `.1`: MongoDB also matches
 * an array whose element is a document with a field "1". The audit outbox's "has waiting events"
 * (`pendingAudit.0`) is this, so the start-up sweep is one scan in PostgreSQL.
 */
const FIRST_ELEMENT = /^[^.]+\.0$/;

function exists(f: Field, wanted: unknown): Sql {
  // MongoDB reads any value as true or false here; only the plain ones are taken.
  if (typeof wanted !== 'boolean' && wanted !== 0 && wanted !== 1) throw new UnsupportedQueryError(`$exists: ${String(wanted)}`);
  // A top-level field, whatever it holds; a nested one where every step is an object.
  if (f.path.includes('.') && !FIRST_ELEMENT.test(f.path)) scalarKindOf(f);
  const has = expr(hasField, f.path);
  return wanted ? has : not(has);
}

function operators(f: Field, ops: Record<string, unknown>): Sql {
  const parts: Sql[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if (op === '$eq') parts.push(equals(f, value));
    else if (op === '$ne') parts.push(not(equals(f, value)));
    else if (op in RANGE_SQL) parts.push(range(f, op, value));
    else if (op === '$in') parts.push(oneOf(f, value));
    else if (op === '$nin') parts.push(not(oneOf(f, value)));
    else if (op === '$exists') parts.push(exists(f, value));
    else if (op === '$regex') parts.push(isRegex(value) ? (ops.$options === undefined ? equals(f, value) : unsupported('$regex object with $options')) : regex(f, value, ops.$options));
    else if (op === '$options') {
      if (!('$regex' in ops)) throw new UnsupportedQueryError('$options without $regex');
    } else throw new UnsupportedQueryError(`operator ${op}`);
  }
  return and(parts);
}

function unsupported(what: string): never {
  throw new UnsupportedQueryError(what);
}

function field(path: string, condition: unknown, kinds: FieldKinds): Sql {
  const f = { path, kinds };
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return operators(f, condition);
    throw new UnsupportedQueryError('a document compared whole');
  }
  if (Array.isArray(condition)) throw new UnsupportedQueryError('an array compared whole');
  return equals(f, condition);
}

const sameValue = (a: unknown, b: unknown) => json(encodeScalar(a)) === json(encodeScalar(b));

/**
 * "After this row" in a keyset order (lib/keyset-page.ts) — `{$or: [{a: {$gt: x}}, {a: x, b: {$gt:
 * y}}, {a: x, b: y, _id: {$gt: z}}]}` — as the row comparison `(a, b, _id) > (x, y, z)`, which a
 * btree over (…, a, b, _id) takes as where to start reading, and stops after a page. Asked as the
 * `$or`, PostgreSQL read every row after the cursor and sorted them (1.7 s deep in 100k customers);
 * asked as the `$or` and the comparison together, it multiplied their shares, took the rest of the
 * tenant for a handful of rows, and still sorted it all (1.0 s).
 *
 * Why it is the `$or`, on a collection whose documents conform to its schema (each read checks:
 * read-plan.ts breaksOf): a key field holds its one kind, or null (a missing one reads as null).
 * The comparison holds exactly when, at the first key where the row differs from the cursor (the
 * "decisive" one), the row's value is beyond the cursor's — jsonb's own `=`, `>` and `<` on the very
 * expressions and encoded values the branches use. That is the branch of that key, but for its type
 * test: a value beyond a cursor's value of kind K is of kind K or null. Going up (`$gt`), null is
 * below every value, so never beyond. Going down (`$lt`) null is below too, so the decisive value
 * is also required not to be null: for each key, "the keys before it equal the cursor's, so it is
 * not null". Conversely each branch implies the comparison and those tests. The generated
 * differential test (differential.test.ts) checks it against FerretDB, rows with null and missing
 * keys included.
 *
 * Null unless the `$or` is exactly that shape: the same operator throughout; in branch i the first
 * i keys equal to the values the earlier branches bound, then key i beyond its value; the keys
 * distinct one-scalar fields; each value of its field's kind, never null or a pattern.
 */
function keysetAfter(branches: Record<string, unknown>[], kinds: FieldKinds): Sql | null {
  if (branches.length < 2) return null;
  const keys: { path: string; value: unknown }[] = [];
  let op: string | null = null;
  for (const [i, branch] of branches.entries()) {
    const entries = Object.entries(branch);
    if (entries.length !== i + 1) return null;
    for (const [j, [path, condition]] of entries.entries()) {
      if (j < i) {
        if (path !== keys[j]!.path || isPlainObject(condition) || !sameValue(condition, keys[j]!.value)) return null;
        continue;
      }
      if (!isPlainObject(condition) || Object.keys(condition).length !== 1) return null;
      const [[rangeOp, value]] = Object.entries(condition) as [[string, unknown]];
      if ((rangeOp !== '$gt' && rangeOp !== '$lt') || (op !== null && rangeOp !== op)) return null;
      op = rangeOp;
      if (value === null || isRegex(value) || kindOf(value) === null || kinds(path) !== kindOf(value) || keys.some((k) => k.path === path)) return null;
      keys.push({ path, value });
    }
  }
  const columns = keys.map((k) => expr(valuePath, k.path));
  const values = keys.map((k) => param(json(encodeScalar(k.value)), 'jsonb'));
  const comparison = sql`(ROW(${join(columns, ', ')}) ${text(RANGE_SQL[op!]!)} ROW(${join(values, ', ')}))`;
  if (op === '$gt') return comparison;
  const notNullWhereDecisive = columns.map((column, i) => {
    const notNull = sql`(${column} <> 'null'::jsonb)`;
    return i === 0 ? notNull : sql`(NOT (${join(columns.slice(0, i).map((c, j) => sql`${c} = ${values[j]!}`), ' AND ')}) OR ${notNull})`;
  });
  return and([comparison, ...notNullWhereDecisive]);
}

/** The SQL condition of `filter` on a collection whose fields are `kinds`; throws UnsupportedQueryError. */
export function whereOf(filter: unknown, kinds: FieldKinds): Sql {
  if (filter === undefined || filter === null) return ALL;
  if (!isPlainObject(filter)) throw new UnsupportedQueryError('a filter that is not a plain object');
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      // MongoDB refuses an empty list and anything but documents in it.
      if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject)) throw new UnsupportedQueryError(`${key} without a non-empty array of documents`);
      const branches = value.map((branch) => whereOf(branch, kinds));
      if (key === '$or') parts.push(keysetAfter(value as Record<string, unknown>[], kinds) ?? or(branches));
      else parts.push(key === '$and' ? and(branches) : not(or(branches)));
    } else if (key === '$comment') {
      continue;
    } else if (key.startsWith('$')) {
      throw new UnsupportedQueryError(`operator ${key}`);
    } else {
      parts.push(field(key, value, kinds));
    }
  }
  return and(parts);
}

/** `ORDER BY …` for a driver sort ({field: 1 | -1}), as MongoDB orders: missing and null alike, first going up. */
export function orderByOf(sort: unknown, kinds: FieldKinds): Sql {
  if (sort === undefined || sort === null) return text('');
  if (!isPlainObject(sort)) throw new UnsupportedQueryError('a sort that is not a plain object');
  const keys = Object.entries(sort).map(([path, direction]) => {
    const up = direction === 1 || direction === 'asc' || direction === 'ascending';
    const down = direction === -1 || direction === 'desc' || direction === 'descending';
    if (!up && !down) throw new UnsupportedQueryError(`sort direction ${String(direction)}`);
    // Arrays sort by their least or greatest element in MongoDB; only one-scalar fields are sorted here.
    scalarKindOf({ path, kinds });
    return sql`${expr(valuePath, path)} ${text(up ? 'ASC' : 'DESC')}`;
  });
  return keys.length === 0 ? text('') : sql`ORDER BY ${join(keys, ', ')}`;
}

