import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { distinctLinesOf } from './recorded-lines.js';

/**
 * Our stand-in for `explain()` on MongoDB, which these machines cannot run: while the test suite
 * runs, every query the application sends (not the tests' own checks, not seeding) is recorded as
 * a shape — collection, equality keys, range keys, sort keys — and after the run each shape must be
 * served by a declared mongoose index: `_id`, or an index whose leading keys are equality keys of
 * the query (for tenant collections starting with the tenant key), followed by the sort keys. A
 * query that no index serves would scan the collection on MongoDB too. A sort within one
 * customer's documents may be done in memory (they are few).
 */

export interface QueryShape {
  collection: string;
  op: string;
  eq: string[];
  range: string[];
  sort: string[];
  caller: string;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);
const EQ_OPS = new Set(['$eq', '$in']);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Splits a filter into one shape per `$or` branch (each with the conditions around it). */
export function shapesOfFilter(filter: unknown): { eq: string[]; range: string[] }[] {
  const eq = new Set<string>();
  const range = new Set<string>();
  let branches: { eq: string[]; range: string[] }[] = [{ eq: [], range: [] }];
  const visit = (f: unknown) => {
    if (!isPlain(f)) return;
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) value.forEach(visit);
      else if (key === '$or' && Array.isArray(value)) {
        const alternatives = value.flatMap((v) => shapesOfFilter(v));
        branches = branches.flatMap((b) => alternatives.map((a) => ({ eq: [...b.eq, ...a.eq], range: [...b.range, ...a.range] })));
      } else if (key.startsWith('$')) continue;
      else if (isPlain(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        const ops = Object.keys(value);
        if (ops.some((k) => EQ_OPS.has(k))) eq.add(key);
        else if (ops.some((k) => RANGE_OPS.has(k))) range.add(key);
      } else eq.add(key);
    }
  };
  visit(filter);
  return branches.map((b) => ({ eq: [...new Set([...eq, ...b.eq])].sort(), range: [...new Set([...range, ...b.range])].sort() }));
}

function sortKeysOf(sort: unknown): string[] {
  if (Array.isArray(sort)) return sort.map((s) => (Array.isArray(s) ? String(s[0]) : String(s)));
  if (sort instanceof Map) return [...sort.keys()].map(String);
  return isPlain(sort) ? Object.keys(sort) : [];
}

/** The first stack frame in our application code below the data layer, or null for test code. */
function applicationCaller(): string | null {
  const frames = (new Error().stack ?? '').split('\n').slice(2);
  for (const frame of frames) {
    const m = /\/bff\/src\/([^:)]+):(\d+)/.exec(frame);
    if (!m) continue;
    const file = m[1]!;
    if (file.startsWith('test/') || file.startsWith('db/')) continue;
    // Seeding fills a database; it is not a query the application sends.
    if (file.startsWith('seed/')) return null;
    if (file.endsWith('.test.ts')) return null;
    return file;
  }
  return null;
}

const RECORDED = Symbol.for('storefront-admin.query-shapes');

/** Appends each new shape the application sends to `file` (one JSON line per shape). */
export function recordQueryShapes(file: string): void {
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[RECORDED]) return;
  proto[RECORDED] = true;
  mkdirSync(path.dirname(file), { recursive: true });
  const seen = new Set<string>();
  const record = (collection: string, op: string, filter: unknown, sort: unknown) => {
    const caller = applicationCaller();
    if (!caller) return;
    for (const s of shapesOfFilter(filter)) {
      const shape: QueryShape = { collection, op, ...s, sort: sortKeysOf(sort), caller };
      const line = JSON.stringify(shape);
      if (seen.has(line)) continue;
      seen.add(line);
      appendFileSync(file, `${line}\n`);
    }
  };
  const filtered = ['find', 'findOne', 'countDocuments', 'distinct', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany',
    'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete'] as const;
  for (const op of filtered) {
    const original = proto[op] as (this: { collectionName: string }, ...args: unknown[]) => unknown;
    proto[op] = function (this: { collectionName: string }, ...args: unknown[]) {
      // distinct(key, filter, options); the others (filter, [update], options)
      const filter = op === 'distinct' ? args[1] : args[0];
      const options = op === 'find' || op === 'findOne' || op.startsWith('findOneAnd') ? args.at(-1) : undefined;
      record(this.collectionName, op, filter ?? {}, isPlain(options) ? options.sort : undefined);
      return original.apply(this, args);
    };
  }
  const aggregate = proto.aggregate as (this: { collectionName: string }, ...args: unknown[]) => unknown;
  proto.aggregate = function (this: { collectionName: string }, ...args: unknown[]) {
    const pipeline = (Array.isArray(args[0]) ? args[0] : []) as Record<string, unknown>[];
    const match = pipeline[0]?.$match;
    const sort = pipeline.find((stage) => '$sort' in stage)?.$sort;
    record(this.collectionName, 'aggregate', match ?? {}, sort);
    return aggregate.apply(this, args);
  };
}

export function readRecordedShapes(dir: string): QueryShape[] {
  return distinctLinesOf(dir, '.jsonl').map((l) => JSON.parse(l) as QueryShape);
}

export interface DeclaredIndexes {
  collection: string;
  /** Index key lists, in order (the `_id` index is implied). */
  indexes: string[][];
  /** Tenant collections must be entered by their tenant key (scope.ts): distributorId, or _id. */
  tenantKey: string | null;
}

/**
 * Whether one index serves a shape: equality prefix, then the sort keys. A scoped query (it names
 * the tenant key) must enter by an index that starts with the tenant key; an unscoped system lookup
 * (sign-in by email, reviewed as `unsafeUnscoped`) may use any.
 */
function serves(index: string[], shape: QueryShape, tenantKey: string | null): boolean {
  const scopedQuery = tenantKey !== null && shape.eq.includes(tenantKey);
  if (scopedQuery && index[0] !== tenantKey) return false;
  let p = 0;
  while (p < index.length && shape.eq.includes(index[p]!)) p++;
  if (p === 0 && !(shape.range.includes(index[0]!) && !scopedQuery)) return false;
  // One customer's documents (its orders, its users) are few: MongoDB sorts them in memory after
  // the index has found them, whatever the column.
  if (index.slice(0, p).includes('customerId')) return true;
  const sort = shape.sort.filter((k) => !shape.eq.includes(k));
  return sort.every((k, i) => index[p + i] === k);
}

export function unservedShapes(shapes: QueryShape[], declared: DeclaredIndexes[]): QueryShape[] {
  const byCollection = new Map(declared.map((d) => [d.collection, d]));
  return shapes.filter((shape) => {
    if (shape.eq.includes('_id')) return false;
    // A walk in _id order (a system job's pages over every tenant): the _id index every collection has.
    if (shape.eq.length === 0 && [...shape.range, ...shape.sort].every((f) => f === '_id')) return false;
    const d = byCollection.get(shape.collection);
    if (!d) return false; // not ours (e.g. a library's own collection)
    return !d.indexes.some((index) => serves(index, shape, d.tenantKey));
  });
}
