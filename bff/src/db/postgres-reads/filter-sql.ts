import type { FieldKinds } from './field-kinds.js';
import { encodeScalar, JSON_TYPE, kindOf } from './sjson.js';
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
  // null (and a missing field) is in no range; jsonb orders it below every value.
  return sql`(jsonb_typeof(${e}) = ${text(`'${JSON_TYPE[kind]}'`)} AND ${e} ${text(RANGE_SQL[op]!)} ${param(json(encodeScalar(value)), 'jsonb')})`;
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

function regex(f: Field, pattern: unknown, flags: unknown): Sql {
  if (typeof pattern !== 'string' || (flags !== undefined && typeof flags !== 'string')) throw new UnsupportedQueryError('$regex that is not a string');
  const kind = scalarKindOf(f);
  // Reasons without the pattern: the suite lists each reason once (test/query-shapes.check.ts).
  if (/[^ms]/.test(flags ?? '')) throw new UnsupportedQueryError('a $regex with options other than m and s (PCRE’s caseless matching is not PostgreSQL’s)');
  const literal = literalOf(pattern, flags ?? '');
  if (!literal) throw new UnsupportedQueryError('a $regex that is not a literal text');
  // A regular expression matches strings only (and symbols, which FerretDB does not store).
  if (kind !== 'string') return NONE;
  const isText = sql`(jsonb_typeof(${expr(valuePath, f.path)}) = 'string')`;
  if (literal.text === '') return isText;
  const t = param(literal.text, 'text');
  const value = expr(textPath, f.path);
  return sql`(${isText} AND ${literal.anchored ? sql`starts_with(${value}, ${t})` : sql`(strpos(${value}, ${t}) > 0)`})`;
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
      parts.push(key === '$and' ? and(branches) : key === '$or' ? or(branches) : not(or(branches)));
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

