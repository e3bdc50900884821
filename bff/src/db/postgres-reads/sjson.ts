import mongoose from 'mongoose';

/**
 * FerretDB v1 keeps each document in PostgreSQL as "sjson": plain JSON plus a schema under `$s`
 * that says what each value is (`internal/handler/sjson/sjson.go` of v1.24.2): an ObjectId is its
 * hex string, a date its milliseconds, binary data base64, and `$k` keeps the fields' order.
 * This turns a stored document back into what the MongoDB driver would have handed us for it, so
 * mongoose hydrates it exactly as if FerretDB had sent it.
 */

interface Elem {
  t: string;
  $s?: DocSchema;
  o?: string;
  i?: Elem[];
  s?: number;
}
interface DocSchema {
  $k?: string[];
  p?: Record<string, Elem>;
}

const { ObjectId, Binary, Timestamp, Long } = mongoose.mongo;

/** A stored value this module cannot turn back into what the driver gives (the caller asks FerretDB instead). */
export class UndecodableValueError extends Error {
  override name = 'UndecodableValueError';
}

/**
 * An integer of 16 or more digits outside a string, in stored JSON: JSON.parse would round one
 * above 2^53, so such a number is kept as its digits (BIG marks them) and turned into a number
 * (or a Long, as the driver gives a 64-bit value beyond 2^53) only once its type is known.
 */
const LONG_DIGITS = /\d{16}/;
const BIG = '\u0000bigint:';

/** Stored JSON text as values, every integer exact. */
export function parseStored(text: string): Record<string, unknown> {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text) as Record<string, unknown>;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end]!)) end++;
      const token = text.slice(i, end);
      if (/^-?\d{16,}$/.test(token)) {
        // BIG as a JSON escape: JSON.parse gives back BIG itself.
        out += `${text.slice(from, i)}"\\u0000bigint:${token}"`;
        from = end;
      }
      i = end - 1;
    }
  }
  return JSON.parse(out + text.slice(from)) as Record<string, unknown>;
}

const SAFE = { min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) };

/** A stored number: a JSON number, or the digits parseStored() kept. */
function numberOf(v: unknown): number | bigint {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.startsWith(BIG)) return BigInt(v.slice(BIG.length));
  throw new UndecodableValueError(`a stored number ${String(v)}`);
}

function double(v: unknown): number {
  const n = numberOf(v);
  return typeof n === 'bigint' ? Number(n) : n;
}

/** A 64-bit integer as the driver gives it by default: a number while exact, else a Long. */
function long(v: unknown): number | InstanceType<typeof Long> {
  const n = numberOf(v);
  if (typeof n === 'number') return n;
  return n >= SAFE.min && n <= SAFE.max ? Number(n) : Long.fromBigInt(n);
}

function decodeValue(value: unknown, elem: Elem): unknown {
  switch (elem.t) {
    case 'object':
      return decodeObject(value as Record<string, unknown>, elem.$s);
    case 'array':
      // An empty array is stored without `i`.
      return (value as unknown[]).map((item, i) => {
        const itemElem = elem.i?.[i];
        if (!itemElem) throw new UndecodableValueError(`array item ${i} without a type`);
        return decodeValue(item, itemElem);
      });
    case 'objectId':
      return ObjectId.createFromHexString(value as string);
    case 'date':
      return new Date(value as number);
    case 'binData':
      return new Binary(Buffer.from(value as string, 'base64'), elem.s ?? 0);
    case 'regex':
      // As the driver gives a regex back by default: a RegExp with the flags JavaScript knows.
      return new RegExp(value as string, (elem.o ?? '').replace(/[^imsu]/g, ''));
    case 'timestamp': {
      const n = numberOf(value);
      return new Timestamp(typeof n === 'bigint' ? Long.fromBigInt(n, true) : Long.fromNumber(n, true));
    }
    case 'long':
      return long(value);
    case 'double':
      return double(value);
    case 'int':
    case 'string':
    case 'bool':
    case 'null':
      return value;
    default:
      throw new UndecodableValueError(`unknown sjson type ${elem.t}`);
  }
}

function decodeObject(json: Record<string, unknown>, schema: DocSchema | undefined): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  // An empty document is stored with an empty schema: no `$k`, no `p`.
  for (const key of schema?.$k ?? []) {
    const elem = schema!.p?.[key];
    if (!elem) throw new UndecodableValueError(`field ${key} without a type`);
    doc[key] = decodeValue(json[key], elem);
  }
  return doc;
}

/** A document as FerretDB stored it (`_jsonb` as text), as the driver would return it. */
export function decodeStored(text: string): Record<string, unknown> {
  let stored: Record<string, unknown>;
  try {
    stored = parseStored(text);
  } catch (err) {
    throw new UndecodableValueError(`stored JSON: ${(err as Error).message}`);
  }
  return decodeDocument(stored);
}

/** A document as FerretDB stored it (`_jsonb`), as the driver would return it. */
export function decodeDocument(stored: Record<string, unknown>): Record<string, unknown> {
  try {
    return decodeObject(stored, stored.$s as DocSchema);
  } catch (err) {
    // Whatever FerretDB stored that this module does not know is FerretDB's to read, never a failed read.
    throw err instanceof UndecodableValueError ? err : new UndecodableValueError(`a stored document: ${(err as Error).message}`);
  }
}

/** One stored value with its sjson type name (`_jsonb->'f'` and `_jsonb->'$s'->'p'->'f'->>'t'`). */
export function decodeScalar(value: unknown, type: string | null): unknown {
  if (value === null || value === undefined || type === null) return null;
  try {
    return decodeValue(value, { t: type });
  } catch (err) {
    throw err instanceof UndecodableValueError ? err : new UndecodableValueError(`a stored value: ${(err as Error).message}`);
  }
}

/**
 * A query value as FerretDB stores it, for comparing with `_jsonb` in SQL; undefined for values
 * that are not plain scalars (documents, arrays, regexes), which the SQL does not compare.
 */
export function encodeScalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if ((value as { _bsontype?: string } | null)?._bsontype === 'ObjectId') return (value as mongoose.Types.ObjectId).toHexString();
  return undefined;
}

/** What kind of scalar a query value is, in the terms a mongoose schema path uses. */
export type ScalarKind = 'objectId' | 'string' | 'number' | 'date' | 'boolean';

export function kindOf(value: unknown): ScalarKind | null {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : null;
  if (value instanceof Date) return 'date';
  if ((value as { _bsontype?: string } | null)?._bsontype === 'ObjectId') return 'objectId';
  return null;
}

/** The `jsonb_typeof` of a kind's stored values. */
export const JSON_TYPE: Record<ScalarKind, string> = { objectId: 'string', string: 'string', number: 'number', date: 'number', boolean: 'boolean' };
