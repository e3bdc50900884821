// A generated differential test of the SQL reads (issue 23): thousands of generated finds, counts
// and groups over generated documents — schema-conforming and not, empty subdocuments, arrays of
// subdocuments, mixed types in one field, missing vs null, dates before 1970, large numbers,
// unicode — answered through the layer and by FerretDB alone. The layer either serves a query
// exactly or hands it to FerretDB; where FerretDB is known wrong (sums), the oracle is MongoDB's
// documented semantics, computed here over the documents FerretDB matched.
import fc from 'fast-check';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useTestDatabase } from '../../test/harness.js';
import { ensurePostgresIndexes } from '../postgres-indexes.js';
import { testsSubstring, whereOf } from './filter-sql.js';
import { fieldKindsOf } from './field-kinds.js';
import { servePostgresReads } from './install.js';
import { render } from './sql.js';
import { forgetFallbacks, readStats } from './read-stats.js';

const { ObjectId, Long, Double, Int32 } = mongoose.mongo;
type Doc = Record<string, unknown>;

const probeSchema = new mongoose.Schema(
  {
    // A trigram index too (postgres-indexes.ts): the substring test is read through it.
    s: { type: String, substringSearch: true },
    n: Number,
    d: Date,
    b: Boolean,
    o: mongoose.Schema.Types.ObjectId,
    nested: { s: String, n: Number },
    arr: [{ x: String, _id: false }],
    mixed: mongoose.Schema.Types.Mixed,
  },
  { autoIndex: false },
);
probeSchema.index({ s: 1, _id: 1 });
probeSchema.index({ n: -1, _id: -1 });
const Probe = mongoose.model('DifferentialProbe', probeSchema, 'differentialprobes');
const kinds = fieldKindsOf(probeSchema);

const ids = Array.from({ length: 8 }, () => new ObjectId());
const strings = ['', 'a', 'A', 'ab', 'a b', 'Ärger', 'á', 'a\u0301', '日本', '😀', 'z', 'Z', 'x.y', '(x)', '\n', 'line\n', '50%', 'a_b', 'axb', 'a\\b', 'harbor'];
const numbers = [0, -0, 1, -1, 2.5, -3.75, 1e6, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 0.1, 0.2, 0.3];
const dates = [new Date(0), new Date(-86_400_000 * 400), new Date(Date.UTC(2026, 11, 6)), new Date(Date.UTC(1969, 11, 31, 23, 59, 59))];

/** A value of one of the schema's kinds, or null, or missing (undefined). */
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
const awkward = fc.constantFrom<unknown>({}, [], [{}], { a: {} }, Long.fromString('9007199254740993'), new Int32(7), new Double(7), 'text', [1, 'a', null], new Date(5), null, ids[0]);

const conforming = fc.record({
  s: maybe(fc.constantFrom(...strings)),
  n: maybe(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...numbers.filter(Number.isInteger)) }, { weight: 1, arbitrary: fc.constantFrom(...numbers) })),
  d: maybe(fc.constantFrom(...dates)),
  b: maybe(fc.boolean()),
  o: maybe(fc.constantFrom(...ids)),
  nested: maybe(fc.record({ s: maybe(fc.constantFrom(...strings)), n: maybe(fc.constantFrom(...numbers)) })),
  arr: maybe(fc.array(fc.record({ x: maybe(fc.constantFrom(...strings.slice(0, 5))) }), { maxLength: 3 })),
  mixed: maybe(awkward),
});

/** Breaks the schema in one field: another type, an array, a nested array. */
const breaking = fc.constantFrom<Doc>({ s: 5 }, { n: [1, 5] }, { n: '5' }, { d: 0 }, { o: ids[0]!.toHexString() }, { b: 1 }, { nested: [{ s: 'a' }] }, { nested: 'x' }, { s: ['a', 'b'] });

const clean = (doc: Doc): Doc => {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? clean(v as Doc) : v;
  }
  return out;
};

const scalarPaths = ['s', 'n', 'd', 'b', 'o', 'nested.s', 'nested.n'] as const;
const valuesOf: Record<string, unknown[]> = { s: strings, n: numbers, d: dates, b: [true, false], o: ids, 'nested.s': strings, 'nested.n': numbers };
const anyValue = fc.oneof(fc.constantFrom(...strings.slice(0, 6)), fc.constantFrom(...numbers), fc.constantFrom(...dates), fc.boolean(), fc.constantFrom(...ids), fc.constant(null));
const pathArb = fc.constantFrom<string>(...scalarPaths, 'arr.x', 'arr', 'mixed', 'mixed.a', 'nested');
const valueFor = (path: string) => (valuesOf[path] ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valuesOf[path]!) }, { weight: 1, arbitrary: anyValue }) : anyValue);

const clause: fc.Arbitrary<Doc> = pathArb.chain((path) =>
  fc.oneof(
    valueFor(path).map((v) => ({ [path]: v })),
    fc.tuple(fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), valueFor(path)).map(([op, v]) => ({ [path]: { [op]: v } })),
    fc.tuple(fc.constantFrom('$in', '$nin'), fc.array(valueFor(path), { maxLength: 3 })).map(([op, v]) => ({ [path]: { [op]: v } })),
    fc.boolean().map((b) => ({ [path]: { $exists: b } })),
    fc.tuple(fc.constantFrom('a', '^a', 'A', '', 'x\\.y', '\\(x\\)', 'a.', '^$', 'e$', '日', '😀', '0%', 'a_b', '_', '%', 'a\\\\b', '\\\\', 'arbo', '^a_'), fc.constantFrom(undefined, 'i', 'm', 's')).map(([p, o]) => ({ [path]: o ? { $regex: p, $options: o } : { $regex: p } })),
  ),
);
const filterArb: fc.Arbitrary<Doc> = fc.oneof(
  fc.array(clause, { maxLength: 3 }).map((cs) => Object.assign({}, ...cs) as Doc),
  fc.tuple(clause, clause).map(([a, b]) => ({ $or: [a, b] })),
  fc.tuple(clause, clause).map(([a, b]) => ({ $and: [a, { $nor: [b] }] })),
);
const sortArb = fc.tuple(fc.constantFrom<string>(...scalarPaths, 'mixed', 'arr'), fc.constantFrom(1, -1)).map(([k, d]) => ({ [k]: d, _id: d }));
const projectionArb = fc.option(
  fc.oneof(
    fc.constant({ _id: 1 }),
    fc.constant({ _id: 0 }),
    fc.subarray(['s', 'n', 'nested', 'mixed', 'arr'], { minLength: 1 }).map((fs) => Object.fromEntries(fs.map((f) => [f, 1]))),
  ),
  { nil: undefined },
);

/** The SQL text of a filter's condition (its values as placeholders). */
const whereOfText = (filter: unknown) => render(whereOf(filter, kinds)).text;

const servable = (filter: unknown) => {
  try {
    whereOf(filter, kinds);
    return true;
  } catch {
    return false;
  }
};

/** What the call answers, or the kind of error it was refused with. */
async function outcome<T>(call: () => Promise<T>): Promise<T | { refused: true }> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof mongoose.mongo.MongoServerError || (err as Error).name === 'MongoServerError') return { refused: true };
    throw err;
  }
}

describe.skipIf(!inject('postgresUrl'))('generated differential: the SQL reads against FerretDB and MongoDB’s semantics', () => {
  useTestDatabase({ demoData: false });
  // The queries sent to FerretDB on purpose here are not the application's (test/query-shapes.check.ts).
  afterAll(forgetFallbacks);
  let layerClient: mongoose.mongo.MongoClient;
  let ferretClient: mongoose.mongo.MongoClient;
  let layer: mongoose.mongo.Collection;
  let ferret: mongoose.mongo.Collection;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // This file compares every call with FerretDB itself; the suite-wide check would do it twice.
    process.env.POSTGRES_READS_DIFFERENTIAL = 'off';
    layerClient = await new mongoose.mongo.MongoClient(inject('mongoBaseUri')).connect();
    ferretClient = await new mongoose.mongo.MongoClient(inject('mongoBaseUri')).connect();
    const database = mongoose.connection.name;
    layer = layerClient.db(database).collection('differentialprobes');
    ferret = ferretClient.db(database).collection('differentialprobes');
    await layer.insertOne({ _id: new ObjectId(), s: 'seed' });
    await ensurePostgresIndexes(inject('postgresUrl'), database, [Probe]);
    const served = await servePostgresReads(layerClient, { postgresUrl: inject('postgresUrl'), database, models: [Probe] });
    expect(served.serving).toBe(true);
    stop = served.close;
  });
  afterAll(async () => {
    delete process.env.POSTGRES_READS_DIFFERENTIAL;
    await stop?.();
    await layerClient?.close();
    await ferretClient?.close();
  });

  async function load(docs: Doc[]) {
    await ferret.deleteMany({});
    await ferret.insertMany(docs.map((d) => ({ _id: new ObjectId(), ...clean(d) })));
  }

  const findsServed = () => readStats().served.find + readStats().served.count + readStats().served.group;
  const served = { groups: 0, groupFallbacks: 0 };

  /** Finds and counts compared with FerretDB; groups with MongoDB's $sum over FerretDB's matches. */
  async function compare(filter: Doc, sort: Doc, skip: number, limit: number, projection: Doc | undefined) {
    const options = { sort, skip, limit, ...(projection ? { projection } : {}) } as mongoose.mongo.FindOptions;
    const mine = await outcome(() => layer.find(filter, options).toArray());
    const theirs = await outcome(() => ferret.find(filter, options).toArray());
    expect(mine, JSON.stringify({ filter, options })).toEqual(theirs);
    const unsorted = await outcome(async () => (await layer.find(filter).toArray()).map((d) => String(d._id)).sort());
    expect(unsorted, JSON.stringify(filter)).toEqual(await outcome(async () => (await ferret.find(filter).toArray()).map((d) => String(d._id)).sort()));
    expect(await outcome(() => layer.countDocuments(filter, { skip, limit })), JSON.stringify({ filter, skip, limit })).toEqual(await outcome(() => ferret.countDocuments(filter, { skip, limit })));

    if (!servable(filter)) return;
    const matched = (await ferret.find(filter).toArray()) as Doc[];
    for (const by of [null, 's']) {
      const pipeline = [{ $match: filter }, { $group: { _id: by && `$${by}`, count: { $sum: 1 }, total: { $sum: '$n' } } }];
      const expected = new Map<string, { _id: unknown; count: number; total: number }>();
      for (const doc of matched) {
        const key = by === null ? null : by.includes('.') ? ((doc.nested as Doc | null | undefined)?.n ?? null) : (doc[by] ?? null);
        const id = JSON.stringify(key instanceof Date ? key.getTime() : key);
        const group = expected.get(id) ?? { _id: key, count: 0, total: 0 };
        group.count++;
        // $sum ignores what is not a number.
        if (typeof doc.n === 'number') group.total += doc.n;
        expected.set(id, group);
      }
      const fallbacksBefore = [...readStats().fallbacks.values()].reduce((a, b) => a + b, 0);
      const rows = (await layer.aggregate(pipeline).toArray()) as { _id: unknown; count: number; total: number }[];
      const servedHere = [...readStats().fallbacks.values()].reduce((a, b) => a + b, 0) === fallbacksBefore;
      const key = (g: { _id: unknown }) => JSON.stringify(g._id);
      // FerretDB's own sums are its known bug (KNOWN_FERRETDB_BUGS.sums): where it answered, only the groups compare.
      const norm = (gs: { _id: unknown; count: number; total: number }[]) => [...gs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((g) => (servedHere ? g : { _id: g._id }));
      expect(norm(rows), JSON.stringify(pipeline)).toEqual(norm([...expected.values()]));
      if (servedHere) served.groups++;
      else served.groupFallbacks++;
    }
  }

  it('conforming documents: 300 generated calls (2,100 queries: finds sorted and not, counts, groups), the same answers, most of them served in SQL', async () => {
    const before = findsServed();
    let queries = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(conforming, { minLength: 20, maxLength: 40 }), fc.array(fc.tuple(filterArb, sortArb, fc.nat(3), fc.nat(8), projectionArb), { minLength: 25, maxLength: 25 }), async (docs, calls) => {
        await load(docs as Doc[]);
        for (const [filter, sort, skip, limit, projection] of calls) {
          await compare(filter, sort, skip, limit, projection);
          queries++;
        }
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 12), seed: 2326, endOnFailure: true },
    );
    expect(queries).toBeGreaterThanOrEqual(Number(process.env.DIFF_RUNS ?? 12) * 25);
    expect(findsServed() - before).toBeGreaterThan(queries);
    expect(served.groups).toBeGreaterThan(0);
  });

  it('null and missing values against the tests that leave them out without a type test: below a value, any text, a pattern negated', async () => {
    await load([{ s: 'a', n: 1, d: dates[2] }, { s: null, n: null, d: null }, {}, { s: '', n: -1, d: dates[1] }, { s: 'ba', n: 0, d: dates[0] }]);
    const filters: Doc[] = [
      { s: { $regex: '' } }, { s: { $regex: '^' } }, { s: { $lt: 'b' } }, { s: { $lte: 'a' } }, { n: { $lt: 1 } }, { n: { $lte: 0 } }, { d: { $lt: dates[2] } },
      { s: { $gte: '' } }, { n: { $gt: -5 } }, { $nor: [{ s: { $regex: 'a' } }] }, { $nor: [{ s: { $regex: '^b' } }] }, { $nor: [{ n: { $lt: 1 } }] },
    ];
    const before = readStats().served.find;
    for (const filter of filters) {
      const ids = async (c: mongoose.mongo.Collection) => (await c.find(filter, { sort: { _id: 1 } }).toArray()).map((d) => String(d._id));
      expect(await ids(layer), JSON.stringify(filter)).toEqual(await ids(ferret));
    }
    expect(readStats().served.find - before).toBe(filters.length);
    // A substring search is read as "the matches, then ordered" (find-cursor.ts selectSql): the same rows, in order.
    expect(testsSubstring(whereOf({ s: { $regex: 'a' } }, kinds))).toBe(true);
    expect(testsSubstring(whereOf({ s: { $regex: '^a' } }, kinds))).toBe(false);
    for (const sort of [{ s: -1, _id: 1 }, { n: 1, _id: -1 }] as Record<string, 1 | -1>[]) {
      const ids = async (c: mongoose.mongo.Collection) => (await c.find({ s: { $regex: 'a' } }, { sort, limit: 2 }).toArray()).map((d) => String(d._id));
      expect(await ids(layer)).toEqual(await ids(ferret));
    }
    expect(readStats().served.find - before).toBe(filters.length + 2);
  });

  it('keyset pages: "after this row" for every row of generated sorted answers, its near misses too, the same as FerretDB and bounded by a row comparison', async () => {
    const sortKeys = fc.tuple(fc.subarray(['s', 'n', 'd', 'b', 'o', 'nested.s'], { minLength: 1, maxLength: 2 }), fc.constantFrom<1 | -1>(1, -1));
    const valueAt = (doc: Doc, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Doc)[k] : undefined), doc);
    let compared = 0;
    let bounded = 0;
    const servedBefore = readStats().served.find;
    await fc.assert(
      fc.asyncProperty(fc.array(conforming, { minLength: 15, maxLength: 30 }), sortKeys, fc.nat(3), async (docs, [paths, direction], nearMiss) => {
        await load(docs as Doc[]);
        const sort = Object.fromEntries([...paths, '_id'].map((p) => [p, direction]));
        const rows = (await ferret.find({}, { sort }).toArray()) as Doc[];
        for (const row of rows) {
          const keys = [...paths, '_id'].map((path) => [path, valueAt(row, path) ?? null] as const);
          const op = direction === 1 ? '$gt' : '$lt';
          const branches = keys.map(([path, value], i) => ({ ...Object.fromEntries(keys.slice(0, i)), [path]: { [op]: value } }));
          // A near miss is not the shape: one equality that differs from the value its branch bounds.
          if (nearMiss === 1 && branches.length > 1) (branches[1] as Doc)[keys[0]![0]] = rows[0] === row ? valueAt(rows.at(-1)!, keys[0]![0]) ?? null : valueAt(rows[0]!, keys[0]![0]) ?? null;
          const filter = nearMiss === 2 ? { $and: [{ b: { $ne: null } }, { $or: branches }] } : { $or: branches };
          if (servable(filter) && nearMiss !== 1 && whereOfText(filter).includes('ROW(')) bounded++;
          for (const limit of [0, 3]) {
            expect(await outcome(() => layer.find(filter, { sort, limit }).toArray()), JSON.stringify({ filter, sort, limit })).toEqual(await outcome(() => ferret.find(filter, { sort, limit }).toArray()));
          }
          expect(await outcome(() => layer.countDocuments(filter))).toEqual(await outcome(() => ferret.countDocuments(filter)));
          compared++;
        }
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 40), seed: 2328, endOnFailure: true },
    );
    expect(compared).toBeGreaterThan(Number(process.env.DIFF_RUNS ?? 40) * 15);
    // Rows whose keys hold null or nothing are no range (FerretDB answers); most rows are bounded.
    expect(bounded).toBeGreaterThan(compared / 4);
    // Each bounded row's two finds ran in SQL (a PostgreSQL error there would fail the read, not hide).
    expect(readStats().served.find - servedBefore).toBeGreaterThanOrEqual(bounded * 2);
    console.log(`keyset: ${compared} rows, ${bounded} bounded, ${readStats().served.find - servedBefore} finds served`);
  });

  it('documents that break the schema: 200 generated calls (400 queries), each answered as FerretDB answers it', async () => {
    let queries = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(conforming, { minLength: 10, maxLength: 20 }), fc.array(breaking, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(filterArb, sortArb, fc.nat(3), fc.nat(8), projectionArb), { minLength: 25, maxLength: 25 }), async (docs, broken, calls) => {
        await load([...(docs as Doc[]), ...broken]);
        for (const [filter, sort, skip, limit, projection] of calls) {
          const options = { sort, skip, limit, ...(projection ? { projection } : {}) } as mongoose.mongo.FindOptions;
          expect(await outcome(() => layer.find(filter, options).toArray()), JSON.stringify({ filter, options })).toEqual(await outcome(() => ferret.find(filter, options).toArray()));
          expect(await outcome(() => layer.countDocuments(filter))).toEqual(await outcome(() => ferret.countDocuments(filter)));
          queries++;
        }
      }),
      { numRuns: Number(process.env.DIFF_RUNS ?? 8), seed: 2327, endOnFailure: true },
    );
    expect(queries).toBeGreaterThanOrEqual(Number(process.env.DIFF_RUNS ?? 8) * 25);
  });
});
