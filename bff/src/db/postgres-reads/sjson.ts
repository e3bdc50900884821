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
  $k: string[];
  p: Record<string, Elem>;
}

const { ObjectId, Binary, Timestamp, Long } = mongoose.mongo;

/** A stored value JSON cannot give back exactly (a 64-bit integer beyond 2^53); the caller asks FerretDB instead. */
export class UndecodableValueError extends Error {
  override name = 'UndecodableValueError';
}

function exactInteger(v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new UndecodableValueError(`a 64-bit value ${String(v)} is not exact in JSON`);
  return v;
}

function decodeValue(value: unknown, elem: Elem): unknown {
  switch (elem.t) {
    case 'object':
      return decodeObject(value as Record<string, unknown>, elem.$s!);
    case 'array':
      return (value as unknown[]).map((item, i) => decodeValue(item, elem.i![i]!));
    case 'objectId':
      return ObjectId.createFromHexString(value as string);
    case 'date':
      return new Date(value as number);
    case 'binData':
      return new Binary(Buffer.from(value as string, 'base64'), elem.s ?? 0);
    case 'regex':
      // As the driver gives a regex back by default: a RegExp with the flags JavaScript knows.
      return new RegExp(value as string, (elem.o ?? '').replace(/[^imsu]/g, ''));
    case 'timestamp':
      return new Timestamp(Long.fromNumber(exactInteger(value), true));
    case 'long':
      return exactInteger(value);
    case 'double':
    case 'int':
    case 'string':
    case 'bool':
    case 'null':
      return value;
    default:
      throw new UndecodableValueError(`unknown sjson type ${elem.t}`);
  }
}

function decodeObject(json: Record<string, unknown>, schema: DocSchema): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const key of schema.$k) doc[key] = decodeValue(json[key], schema.p[key]!);
  return doc;
}

/** A document as FerretDB stored it (`_jsonb`), as the driver would return it. */
export function decodeDocument(stored: Record<string, unknown>): Record<string, unknown> {
  return decodeObject(stored, stored.$s as DocSchema);
}

/** One stored value with its sjson type name (`_jsonb->'f'` and `_jsonb->'$s'->'p'->'f'->>'t'`). */
export function decodeScalar(value: unknown, type: string | null): unknown {
  if (value === null || value === undefined || type === null) return null;
  return decodeValue(value, { t: type });
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
