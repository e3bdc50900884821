import type { FieldKinds } from './field-kinds.js';
import { encodeScalar, JSON_TYPE, kindOf } from './sjson.js';
import { hasField, jsonPath, textPath, UnsupportedPathError, valuePath } from './sql-path.js';

/**
 * A MongoDB query filter as a PostgreSQL condition on FerretDB's `_jsonb` column.
 *
 * The condition is always a *superset* of the filter: every document the filter matches, the SQL
 * selects. Where it is also *exact* (it selects nothing more), the database may count and limit;
 * where it is not, the caller checks each selected document against the filter itself (sift) and
 * counts and limits after that. So a clause this module cannot say exactly in SQL costs speed,
 * never a wrong answer: it becomes TRUE (not exact). Negations are put in SQL only where exact,
 * since the negation of a superset is not one.
 *
 * Exactness comes from the mongoose schema (field-kinds.ts): `{resellerId: x}` is exactly
 * `_jsonb->'resellerId' = '"<hex>"'` only because resellerId always holds an ObjectId, never an
 * array whose elements MongoDB would match one by one.
 */

export interface Condition {
  sql: string;
  exact: boolean;
}

/** A filter this module (and sift, which re-checks) cannot read the way MongoDB does: FerretDB answers it. */
export class UnsupportedQueryError extends Error {
  override name = 'UnsupportedQueryError';
}

/** Bind parameters of one statement. */
export class SqlParams {
  private readonly added: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.added.push(value);
    return `$${this.added.length}::${cast}`;
  }

  /**
   * The statement's parameters, numbered as `sql` uses them: a clause left out after its values
   * were added (a superset that became TRUE) leaves no gap PostgreSQL would refuse.
   */
  bind(sql: string): { sql: string; values: unknown[] } {
    const values: unknown[] = [];
    const renumbered = new Map<string, string>();
    const bound = sql.replace(/\$(\d+)::/g, (_, n: string) => {
      let now = renumbered.get(n);
      if (!now) {
        values.push(this.added[Number(n) - 1]);
        now = `$${values.length}::`;
        renumbered.set(n, now);
      }
      return now;
    });
    return { sql: bound, values };
  }
}

const ALL: Condition = { sql: 'TRUE', exact: true };
const NONE: Condition = { sql: 'FALSE', exact: true };
/** Everything: the SQL leaves this clause to the caller's check. */
const UNCHECKED: Condition = { sql: 'TRUE', exact: false };

/** Operators sift re-checks as MongoDB means them, on the values this app stores. */
const RECHECKED = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$regex', '$options', '$not', '$elemMatch', '$size', '$all']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isRegex = (v: unknown): v is RegExp | { pattern: string; options: string } =>
  v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';

function and(parts: Condition[]): Condition {
  const kept = parts.filter((p) => p.sql !== 'TRUE');
  if (kept.some((p) => p.sql === 'FALSE' && p.exact)) return NONE;
  const exact = parts.every((p) => p.exact);
  if (kept.length === 0) return exact ? ALL : UNCHECKED;
  return { sql: kept.length === 1 ? kept[0]!.sql : `(${kept.map((p) => p.sql).join(' AND ')})`, exact };
}

function or(parts: Condition[]): Condition {
  if (parts.length === 0) throw new UnsupportedQueryError('an empty $or');
  const exact = parts.every((p) => p.exact);
  if (parts.some((p) => p.sql === 'TRUE')) return exact ? ALL : UNCHECKED;
  return { sql: parts.length === 1 ? parts[0]!.sql : `(${parts.map((p) => p.sql).join(' OR ')})`, exact };
}

/** NOT of an exact condition (SQL NULL, a missing field, counts as false before it is negated). */
const not = (c: Condition): Condition => (c.exact ? { sql: `(NOT COALESCE(${c.sql}, FALSE))`, exact: true } : UNCHECKED);

interface Field {
  path: string;
  kinds: FieldKinds;
  params: SqlParams;
}

const json = (v: unknown) => JSON.stringify(v);

function equals(f: Field, value: unknown): Condition {
  const kind = f.kinds(f.path);
  if (value === null) return kind === 'other' ? UNCHECKED : { sql: `(${valuePath(f.path)} = 'null'::jsonb)`, exact: true };
  if (isRegex(value)) return regex(f, value instanceof RegExp ? value.source : value.pattern, value instanceof RegExp ? value.flags : value.options);
  const stored = encodeScalar(value);
  // A document or an array compared whole: MongoDB's rules (field order…) are not sift's.
  if (stored === undefined) throw new UnsupportedQueryError(`equality with ${typeof value}`);
  const p = f.params.add(json(stored), 'jsonb');
  // An array (or a field of unknown kind) holding the value matches too; `@>` selects those.
  if (kind === 'other') return { sql: `(${jsonPath(f.path)} @> ${p})`, exact: false };
  return { sql: `(${valuePath(f.path)} = ${p})`, exact: kind === kindOf(value) };
}

const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function range(f: Field, op: string, value: unknown): Condition {
  const kind = f.kinds(f.path);
  const valueKind = kindOf(value);
  if (valueKind === null) throw new UnsupportedQueryError(`${op} with ${value === null ? 'null' : typeof value}`);
  if (kind === 'other') return UNCHECKED;
  const e = valuePath(f.path);
  // MongoDB compares only within a type; jsonb orders all types, so the type is checked too.
  const sql = `(jsonb_typeof(${e}) = '${JSON_TYPE[valueKind]}' AND ${e} ${RANGE_SQL[op]} ${f.params.add(json(encodeScalar(value)), 'jsonb')})`;
  return { sql, exact: kind === valueKind };
}

function oneOf(f: Field, values: unknown): Condition {
  if (!Array.isArray(values)) throw new UnsupportedQueryError('$in without an array');
  if (values.length === 0) return NONE;
  if (values.some(isRegex)) return UNCHECKED;
  const kind = f.kinds(f.path);
  if (kind === 'other') return UNCHECKED;
  const stored = values.map(encodeScalar);
  if (stored.some((v) => v === undefined)) throw new UnsupportedQueryError('$in with a document or an array');
  // null in the list matches a missing field too, which valuePath() reads as null.
  return { sql: `(${valuePath(f.path)} = ANY(${f.params.add(stored.map(json), 'jsonb[]')}))`, exact: values.every((v) => v === null || kindOf(v) === kind) };
}

/** The literal text a regular expression looks for, when it is nothing but that (and where it must be). */
function literalOf(pattern: string, flags: string): { text: string; anchored: boolean } | null {
  if (/[^ms]/.test(flags.replace(/[gu]/g, ''))) return null; // i, x: not a byte-for-byte search
  let anchored = false;
  let rest = pattern;
  if (rest.startsWith('^') && !flags.includes('m')) {
    anchored = true;
    rest = rest.slice(1);
  }
  let text = '';
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return null; // \d, \b, \1…
      text += next;
      i++;
    } else if ('.*+?()[]{}|^$'.includes(c)) {
      return null;
    } else {
      text += c;
    }
  }
  return { text, anchored };
}

function regex(f: Field, pattern: unknown, flags: unknown): Condition {
  if (typeof pattern !== 'string' || (flags !== undefined && typeof flags !== 'string')) throw new UnsupportedQueryError('$regex that is not a string');
  const literal = literalOf(pattern, flags ?? '');
  if (!literal || f.kinds(f.path) !== 'string') return UNCHECKED;
  const isText = `(jsonb_typeof(${valuePath(f.path)}) = 'string')`;
  if (literal.text === '') return { sql: isText, exact: true };
  const text = f.params.add(literal.text, 'text');
  const test = literal.anchored ? `starts_with(${textPath(f.path)}, ${text})` : `(strpos(${textPath(f.path)}, ${text}) > 0)`;
  return { sql: `(${isText} AND ${test})`, exact: true };
}

/**
 * `field.0` of a top-level field exists exactly when `_jsonb #> '{field,0}'` is not SQL NULL: a
 * non-empty array (its first element; were it an array of documents, one with a field "0" would
 * make it non-empty anyway), or a document with a field "0". Not so for `.1`: MongoDB also matches
 * an array whose element is a document with a field "1". The audit outbox's "has waiting events"
 * (`pendingAudit.0`) is this, so the start-up sweep is one scan in PostgreSQL instead of every
 * document sent here to be checked.
 */
const FIRST_ELEMENT = /^[^.]+\.0$/;

function exists(f: Field, wanted: unknown): Condition {
  const dotted = f.path.includes('.');
  if (dotted && !FIRST_ELEMENT.test(f.path) && f.kinds(f.path) === 'other') return UNCHECKED;
  const has = { sql: hasField(f.path), exact: true };
  return wanted ? has : not(has);
}

function operators(f: Field, ops: Record<string, unknown>): Condition {
  const parts: Condition[] = [];
  for (const [op, value] of Object.entries(ops)) {
    if (!RECHECKED.has(op)) throw new UnsupportedQueryError(`operator ${op}`);
    if (op === '$eq') parts.push(equals(f, value));
    else if (op === '$ne') parts.push(not(equals(f, value)));
    else if (op in RANGE_SQL) parts.push(range(f, op, value));
    else if (op === '$in') parts.push(oneOf(f, value));
    else if (op === '$nin') parts.push(not(oneOf(f, value)));
    else if (op === '$exists') parts.push(exists(f, value));
    else if (op === '$regex') parts.push(isRegex(value) ? equals(f, value) : regex(f, value, ops.$options));
    else if (op === '$options') {
      if (!('$regex' in ops)) throw new UnsupportedQueryError('$options without $regex');
    } else parts.push(UNCHECKED); // $not, $elemMatch, $size, $all: sift checks them
  }
  return and(parts);
}

function field(path: string, condition: unknown, kinds: FieldKinds, params: SqlParams): Condition {
  const f = { path, kinds, params };
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) return operators(f, condition);
    throw new UnsupportedQueryError('a document compared whole');
  }
  if (Array.isArray(condition)) throw new UnsupportedQueryError('an array compared whole');
  return equals(f, condition);
}

/** The SQL condition of `filter` on a collection whose fields are `kinds`; throws UnsupportedQueryError. */
export function whereOf(filter: unknown, kinds: FieldKinds, params: SqlParams): Condition {
  if (filter === undefined || filter === null) return ALL;
  if (!isPlainObject(filter)) throw new UnsupportedQueryError('a filter that is not a plain object');
  const parts: Condition[] = [];
  try {
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (!Array.isArray(value)) throw new UnsupportedQueryError(`${key} without an array`);
        const branches = value.map((branch) => whereOf(branch, kinds, params));
        parts.push(key === '$and' ? and(branches) : key === '$or' ? or(branches) : not(or(branches)));
      } else if (key === '$comment') {
        continue;
      } else if (key.startsWith('$')) {
        throw new UnsupportedQueryError(`operator ${key}`);
      } else {
        parts.push(field(key, value, kinds, params));
      }
    }
  } catch (err) {
    if (err instanceof UnsupportedPathError) throw new UnsupportedQueryError(err.message);
    throw err;
  }
  return and(parts);
}

/** `ORDER BY …` for a driver sort ({field: 1 | -1}), as MongoDB orders: missing and null alike, first going up. */
export function orderByOf(sort: unknown, kinds: FieldKinds): string {
  if (sort === undefined || sort === null) return '';
  if (!isPlainObject(sort)) throw new UnsupportedQueryError('a sort that is not a plain object');
  const keys = Object.entries(sort).map(([path, direction]) => {
    const up = direction === 1 || direction === 'asc' || direction === 'ascending';
    const down = direction === -1 || direction === 'desc' || direction === 'descending';
    if (!up && !down) throw new UnsupportedQueryError(`sort direction ${String(direction)}`);
    // Arrays sort by their least or greatest element in MongoDB; only one-scalar fields are sorted here.
    if (kinds(path) === 'other') throw new UnsupportedQueryError(`sort by ${path}`);
    try {
      return `${valuePath(path)} ${up ? 'ASC' : 'DESC'}`;
    } catch (err) {
      throw err instanceof UnsupportedPathError ? new UnsupportedQueryError(err.message) : err;
    }
  });
  return keys.length === 0 ? '' : `ORDER BY ${keys.join(', ')}`;
}
