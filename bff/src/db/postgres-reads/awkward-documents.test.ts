// What the outside differential audit (issue 23) found the layer answering wrongly, each now
// answered as FerretDB answers it: served exactly in SQL, or handed to FerretDB. Documents are
// written with the raw driver, as older data or another tool would write them.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Customer } from '../../customers/customer.model.js';
import { useTestDatabase } from '../../test/harness.js';
import { forgetFallbacks, readStats } from './read-stats.js';

const { ObjectId, Long, Timestamp, Double } = mongoose.mongo;

describe.skipIf(!inject('postgresUrl'))('awkward documents, answered as FerretDB answers them', () => {
  useTestDatabase({ demoData: false });
  // The queries sent to FerretDB on purpose here are not the application's (test/query-shapes.check.ts).
  afterAll(forgetFallbacks);
  let ferret: mongoose.mongo.MongoClient;
  let viaFerret: mongoose.mongo.Collection;
  const resellerId = new ObjectId();
  const base = (i: number) => ({
    _id: new ObjectId(),
    distributorId: new ObjectId(),
    resellerId,
    resellerName: 'R',
    companyName: `c${i}`,
    email: `c${i}@x.example`,
    nameKey: `c${i}`,
    searchText: `c${i}`,
    monthlyRunRateCents: i,
    createdAt: new Date(Date.UTC(2020, 0, 1 + i)),
  });

  beforeAll(async () => {
    ferret = await new mongoose.mongo.MongoClient(inject('mongoBaseUri')).connect();
    viaFerret = ferret.db(mongoose.connection.name).collection('customers');
  });
  afterAll(async () => {
    await ferret?.close();
  });

  /** The same call through the layer and through FerretDB alone, and what the layer did with it. */
  async function both(filter: object, options: object = {}) {
    const before = readStats();
    const mine = await Customer.collection.find(filter, options).toArray();
    const after = readStats();
    const theirs = await viaFerret.find(filter, options).toArray();
    return { mine, theirs, served: after.served.find > before.served.find, fellBack: [...after.fallbacks.keys()].filter((k) => (after.fallbacks.get(k) ?? 0) > (before.fallbacks.get(k) ?? 0)) };
  }

  it('reads empty embedded documents, empty arrays and 64-bit integers beyond 2^53 in SQL, exactly', async () => {
    await Customer.collection.insertMany([
      { ...base(1), extra: {}, subs: [{}], tags: [] },
      { ...base(2), big: Long.fromString('9007199254740993'), small: Long.fromNumber(5), at: new Timestamp({ t: 1_700_000_000, i: 7 }), ratio: new Double(0.30000000000000004) },
      { ...base(3), nested: { deeper: {} } },
    ] as never[]);
    const { mine, theirs, served, fellBack } = await both({ resellerId }, { sort: { _id: 1 } });
    expect(fellBack).toEqual([]);
    expect(served).toBe(true);
    expect(mine).toEqual(theirs);
    expect((mine[1]!.big as InstanceType<typeof Long>).toString()).toBe('9007199254740993');
    expect(await Customer.collection.countDocuments({ resellerId })).toBe(3);
  });

  it('projects {_id: 1} to the _id alone', async () => {
    const { mine, theirs } = await both({ resellerId }, { projection: { _id: 1 }, sort: { _id: 1 } });
    expect(mine.every((d) => Object.keys(d).join() === '_id')).toBe(true);
    expect(mine).toEqual(theirs);
  });

  it('hands a dotted path through an array, type-mismatched operators and refused shapes to FerretDB', async () => {
    await Customer.collection.insertOne({ ...base(4), pendingAudit: [{ action: 'a', _id: new ObjectId(), at: new Date(0) }] } as never);
    const dotted = await both({ resellerId, 'pendingAudit.action': 'a' });
    expect(dotted.mine).toHaveLength(1);
    expect(dotted.mine).toEqual(dotted.theirs);
    expect(dotted.fellBack.join()).toMatch(/not one scalar/);

    // Another type than the field holds: nothing, as MongoDB's type brackets say.
    for (const filter of [{ resellerId: resellerId.toHexString() }, { createdAt: { $gt: 5 } }, { createdAt: 0 }]) {
      const { mine, theirs } = await both(filter);
      expect(mine, JSON.stringify(filter)).toEqual([]);
      expect(theirs, JSON.stringify(filter)).toEqual([]);
    }

    // MongoDB refuses these; the layer does not answer them either.
    await expect(Customer.collection.find({ $and: [] }).toArray()).rejects.toThrow();
    await expect(Customer.collection.find({ resellerId }, { skip: -1 }).toArray()).rejects.toThrow();
  });

  it('numbers its parameters as it adds them, whatever a field is called', async () => {
    const odd = 'we$1::ird';
    await Customer.collection.insertOne({ ...base(5), [odd]: 1 } as never);
    const { mine, theirs } = await both({ resellerId, [odd]: { $exists: true }, nameKey: 'c5' });
    expect(mine).toHaveLength(1);
    expect(mine).toEqual(theirs);
  });

  it('steps aside for a collection holding a document its schema does not describe, and serves it again once it is gone', async () => {
    const broken = [
      { ...base(6), monthlyRunRateCents: [1, 5] }, // {n: 5} matches an array holding 5
      { ...base(7), createdAt: 0 }, // a number where a date belongs: another type bracket
      { ...base(8), nameKey: 5 }, // sorts before every string in MongoDB, after them in jsonb
    ];
    for (const doc of broken) {
      await Customer.collection.insertOne(doc as never);
      for (const [filter, options] of [
        [{ resellerId, monthlyRunRateCents: 5 }, {}],
        [{ resellerId, createdAt: { $lt: new Date(Date.UTC(2020, 0, 3)) } }, { sort: { createdAt: 1, _id: 1 } }],
        [{ resellerId }, { sort: { nameKey: 1, _id: 1 } }],
      ] as const) {
        const { mine, theirs, fellBack } = await both(filter, options);
        expect(mine, JSON.stringify(filter)).toEqual(theirs);
        expect(fellBack.join(), JSON.stringify(filter)).toMatch(/schema does not describe/);
      }
      expect(await Customer.collection.countDocuments({ resellerId, monthlyRunRateCents: 5 })).toBe(await viaFerret.countDocuments({ resellerId, monthlyRunRateCents: 5 }));
      await Customer.collection.deleteOne({ _id: doc._id });
    }
    const { fellBack } = await both({ resellerId }, { sort: { nameKey: 1, _id: 1 } });
    expect(fellBack).toEqual([]);
  });
});
