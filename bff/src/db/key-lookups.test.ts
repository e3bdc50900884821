import mongoose, { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/harness.js';

/*
 * On FerretDB, a one-document read or write by `_id` plus conditions is served as a key lookup
 * with the conditions checked in this process (serialised-writes.ts). These pin its answers to
 * MongoDB's semantics for the filters and projections the app uses.
 */
useTestDatabase({ demoData: false });
const tenant = new Types.ObjectId();
const other = new Types.ObjectId();
const id = new Types.ObjectId();
const coll = () => mongoose.connection.db!.collection('keylookups');

beforeAll(async () => {
  await coll().insertOne({ _id: id, tenant, status: 'pending', revision: 3, usedAt: null, when: new Date(2_000), tags: ['a', 'b'], nested: { x: 1 } } as never);
});

describe('reads of one document by _id plus conditions', () => {
  const cases: [string, object, boolean][] = [
    ['tenant matches', { _id: id, tenant }, true],
    ['another tenant', { _id: id, tenant: other }, false],
    ['equality and a range', { _id: id, status: 'pending', revision: { $gte: 3 } }, true],
    ['a range that fails', { _id: id, revision: { $gt: 3 } }, false],
    ['null matches null', { _id: id, usedAt: null }, true],
    ['null matches a missing field', { _id: id, nothing: null }, true],
    ['a date range', { _id: id, when: { $gt: new Date(1_000) } }, true],
    ['an array element', { _id: id, tags: 'b' }, true],
    ['$in', { _id: id, status: { $in: ['x', 'pending'] } }, true],
    ['$and of tenant and state', { _id: id, $and: [{ tenant }, { status: 'done' }] }, false],
    ['another _id', { _id: new Types.ObjectId(), tenant }, false],
  ];
  it.each(cases)('%s', async (_name, filter, found) => {
    const doc = await coll().findOne(filter as never);
    expect(Boolean(doc)).toBe(found);
  });

  it('applies inclusion and exclusion projections as the server does', async () => {
    expect(await coll().findOne({ _id: id, tenant } as never, { projection: { status: 1 } })).toEqual({ _id: id, status: 'pending' });
    expect(await coll().findOne({ _id: id, tenant } as never, { projection: { status: 1, _id: 0 } })).toEqual({ status: 'pending' });
    const excluded = await coll().findOne({ _id: id, tenant } as never, { projection: { tags: 0, nested: 0 } });
    expect(Object.keys(excluded!).sort()).toEqual(['_id', 'revision', 'status', 'tenant', 'usedAt', 'when']);
    // A dotted projection is left to the server, with the same answer.
    expect(await coll().findOne({ _id: id, tenant } as never, { projection: { 'nested.x': 1 } })).toEqual({ _id: id, nested: { x: 1 } });
  });
});

describe('writes of one document by _id plus conditions', () => {
  it('writes only when the conditions hold, and answers in the shape asked for', async () => {
    const miss = await coll().updateOne({ _id: id, revision: 2 } as never, { $inc: { revision: 1 } });
    expect(miss).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    const hit = await coll().updateOne({ _id: id, revision: 3, tenant } as never, { $inc: { revision: 1 } });
    expect(hit).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll().findOneAndUpdate({ _id: id, revision: 3 } as never, { $set: { status: 'x' } })).toBeNull();
    expect(await coll().findOneAndUpdate({ _id: id, revision: 3 } as never, { $set: { status: 'x' } }, { includeResultMetadata: true })).toMatchObject({ value: null });
    const after = await coll().findOneAndUpdate({ _id: id, revision: 4, tenant } as never, { $set: { status: 'done' } }, { returnDocument: 'after' });
    expect(after).toMatchObject({ status: 'done', revision: 4 });
    expect(await coll().deleteOne({ _id: id, tenant: other } as never)).toMatchObject({ deletedCount: 0 });
    expect(await coll().countDocuments({ _id: id } as never)).toBe(1);
  });
});

describe('writes the key lookup leaves to the server', () => {
  // (Positional updates, `items.$.qty`, are also left to the server; FerretDB v1 has none to test with.)
  it('reads a delete’s options where deletes keep them', async () => {
    const _id = new Types.ObjectId();
    await coll().insertOne({ _id, tenant } as never);
    expect(await coll().findOneAndDelete({ _id, tenant: other } as never, { includeResultMetadata: true })).toMatchObject({ value: null });
    expect(await coll().findOneAndDelete({ _id, tenant } as never)).toMatchObject({ _id });
    expect(await coll().countDocuments({ _id } as never)).toBe(0);
  });
});
