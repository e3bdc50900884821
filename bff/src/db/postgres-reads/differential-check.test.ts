import { afterEach, describe, expect, it } from 'vitest';
import mongoose, { Types } from 'mongoose';
import { checkCount, compareThisCall, ReadMismatchError, SAMPLE_EVERY, SHAPE_BUDGET, shapeOf } from './differential-check.js';
import { forgetMismatches, readStats } from './read-stats.js';

/** The check's judgement of a difference, with reads that are plain functions (no database needed). */
describe('the differential check', () => {
  afterEach(() => forgetMismatches());

  it('fails a count that differs while nothing moves', async () => {
    await expect(checkCount('orders', { filter: {} }, 29, async () => 29, async () => 30)).rejects.toBeInstanceOf(ReadMismatchError);
    expect(readStats().mismatches).toEqual([expect.stringContaining('29 vs FerretDB 30')]);
  });

  it('passes a count that two processes keep moving, each read a step behind the other', async () => {
    // The failure CI saw: deliveries being sent while the count is compared (29 vs FerretDB 30).
    let sent = 29;
    const ours = async () => sent;
    const theirs = async () => ++sent;
    await expect(checkCount('deliveries', { filter: {} }, 29, ours, theirs)).resolves.toBeUndefined();
    expect(readStats().mismatches).toEqual([]);
  });

  it('passes a count once the data settles on the answer', async () => {
    let reads = 0;
    const theirs = async () => (++reads < 4 ? 30 + reads : 33);
    let ours = 30;
    await expect(checkCount('orders', { filter: {} }, 30, async () => ++ours, theirs)).resolves.toBeUndefined();
  });

  it('leaves a read uncompared when FerretDB runs out of time, and fails on any other FerretDB error', async () => {
    // What CI saw under fifty racing callers: FerretDB's new connection missed its own deadline.
    const pool = new mongoose.mongo.MongoServerError({ message: '[opendb.go:58 pool.openDB.func1] timeout: context already done: context deadline exceeded', code: 1 });
    await expect(checkCount('invoices', { filter: {} }, 3, async () => 3, () => Promise.reject(pool))).resolves.toBeUndefined();
    const maxTime = new mongoose.mongo.MongoServerError({ message: 'operation exceeded time limit', code: 50 });
    await expect(checkCount('invoices', { filter: {} }, 3, async () => 3, () => Promise.reject(maxTime))).resolves.toBeUndefined();
    const other = new mongoose.mongo.MongoServerError({ message: 'unknown operator: $foo', code: 2 });
    await expect(checkCount('invoices', { filter: {} }, 3, async () => 3, () => Promise.reject(other))).rejects.toBe(other);
    expect(readStats().mismatches).toEqual([]);
  });
});

describe('which calls are compared', () => {
  it('compares every call of a shape up to its budget, then one in SAMPLE_EVERY; a new shape starts its own budget', () => {
    const calls = 200;
    const compared = Array.from({ length: calls }, (_, i) => compareThisCall('probe', 'find', [{ customerId: new Types.ObjectId(), n: i }, { sort: { at: -1 } }])).filter(Boolean).length;
    expect(compared).toBe(SHAPE_BUDGET + Math.floor(calls / SAMPLE_EVERY) - Math.floor(SHAPE_BUDGET / SAMPLE_EVERY));
    // Another operator, another field or another sort is another shape.
    expect(compareThisCall('probe', 'find', [{ customerId: { $in: [new Types.ObjectId()] }, n: 1 }, { sort: { at: -1 } }])).toBe(true);
    expect(compareThisCall('probe', 'find', [{ customerId: new Types.ObjectId(), n: 1 }, { sort: { at: 1 } }])).toBe(true);
    expect(compareThisCall('probe', 'countDocuments', [{ customerId: new Types.ObjectId(), n: 1 }, {}])).toBe(true);
  });

  it('tells a filter’s values apart by type only, and keeps sorts, projections and paging as they are', () => {
    expect(shapeOf([{ a: 'x', b: 2, c: null, d: new Date(), e: /x/i, f: new Types.ObjectId(), g: [1, 'y'] }, { sort: { at: -1 }, projection: { a: 1 }, limit: 50 }])).toEqual([
      { a: 'string', b: 'number', c: 'null', d: 'date', e: 'regex/i', f: 'ObjectId', g: ['number', 'string'] },
      { sort: { at: -1 }, projection: { a: 1 }, limit: 50 },
    ]);
  });
});
