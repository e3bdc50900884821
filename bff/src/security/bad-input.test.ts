/**
 * Generated bad input against every declared route (property-based, fast-check): bodies, query
 * strings and path ids of the wrong type, huge or odd unicode, nulls, arrays, deep nesting,
 * `__proto__`/`constructor` keys, operators, invalid and foreign ObjectIds, malformed
 * percent-encoding, oversize bodies. Every answer is below 500; every input the route's schema (or
 * the input guard) refuses answers 4xx with the error shape; nothing is ever written (a write
 * journal per request, and a hash of the whole database before and after).
 * FUZZ_SCALE=5 runs five times as many inputs (locally, when hunting).
 */
import fc from 'fast-check';
import type { Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { operatorKeyIn } from '../http/input-guard.js';
import { Order } from '../orders/order.model.js';
import { buildRoutes } from '../routes.js';
import { changedCollections, snapshotDatabase, type DatabaseSnapshot } from '../test/db-snapshot.js';
import { buildTestApp, signIn, testConfig, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { accountFor, fieldsOf, hasErrorShape, keyOf, parseQuery, type Route } from '../test/route-inputs.js';
import { journalWrites } from '../test/write-journal.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const routes = buildRoutes(testConfig());
const app = buildTestApp();
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const figures = { routes: routes.length, inputs: 0, bodies: 0, queries: 0, ids: 0, oversize: 0, fourHundreds: 0, fiveHundreds: 0, writes: 0 };
const cookies = new Map<DemoAccount, string>();
/** Well-formed ids of objects the signed-in account may not see (another reseller's, the other distributor's). */
let foreignIds: string[] = [];
let journal: ReturnType<typeof journalWrites>;
let before: DatabaseSnapshot;

beforeAll(async () => {
  for (const account of ['cash', 'distributor', 'buyer'] as const) cookies.set(account, await signIn(app, account));
  const ids = async (find: Promise<{ _id: unknown }[]>) => (await find).map((d) => String(d._id as Types.ObjectId));
  foreignIds = [
    ...['customer:other:5', 'customer:card:5', 'customer:deposit:7', 'reseller:other', 'distributor:contoso'].map((k) => String(demoId(k))),
    ...(await ids(Order.collection.find({ resellerId: { $in: [demoId('reseller:other'), demoId('reseller:card')] } }, { projection: { _id: 1 } }).limit(6).toArray())),
    ...(await ids(User.collection.find({ resellerId: demoId('reseller:other') }, { projection: { _id: 1 } }).limit(3).toArray())),
    ...(await ids(Customer.collection.find({ distributorId: demoId('distributor:contoso') }, { projection: { _id: 1 } }).limit(3).toArray())),
  ];
  journal = journalWrites();
  before = await snapshotDatabase();
});

afterAll(() => {
  journal?.stop();
  console.log(
    `[security figures] bad input: ${figures.inputs} generated inputs over ${figures.routes} routes ` +
      `(${figures.bodies} bodies, ${figures.queries} query strings, ${figures.ids} path ids, ${figures.oversize} oversize bodies); ` +
      `${figures.fourHundreds} answered 4xx, ${figures.fiveHundreds} answered 5xx, ${figures.writes} wrote`,
  );
});

// ---- generators -------------------------------------------------------------------------------

const OPERATORS = [{ $ne: null }, { $ne: '' }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(100) || true' }, { $expr: { $eq: [1, 1] } }, { $nor: [{ _id: null }] }, { $in: [null, ''] }, { $exists: true }];
const operator = fc.constantFrom(...OPERATORS);
const prototypeTrap = fc.constantFrom<unknown>(JSON.parse('{"__proto__": {"role": "distributor", "isAdmin": true}}'), { constructor: { prototype: { isAdmin: true } } }, { prototype: null });
const unicode = fc.string({ unit: 'binary', maxLength: 60 });
const huge = fc.integer({ min: 2_000, max: 30_000 }).chain((n) => fc.constantFrom('x', 'é', '𝔘', '\u202e', '\u0000').map((c) => c.repeat(n)));
const objectIdLike = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{24}$/),
  fc.stringMatching(/^[0-9A-F]{24}$/),
  fc.stringMatching(/^[0-9a-f]{23}$/),
  fc.stringMatching(/^[0-9a-f]{25}$/),
  fc.constant({ $oid: '000000000000000000000000' }),
);
const deep = fc.integer({ min: 50, max: 3_000 }).map((depth) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown);
/** Values that no field of any route accepts. */
const neverValid = fc.oneof(fc.constant(null), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }), operator, prototypeTrap, deep, fc.object({ maxDepth: 2 }));
const anyBad = fc.oneof(neverValid, unicode, huge, fc.integer(), fc.double(), fc.boolean(), objectIdLike, fc.constantFrom(...['', ' ', 'null', 'undefined', 'NaN', '-1', '1e309']));

/** A JSON text for a route's body: its own fields with bad values (one surely refused), or no object at all. */
const badBodyFor = (route: Route) => {
  const fields = fieldsOf(route.body);
  const shaped = fields.length
    ? fc
        .tuple(fc.dictionary(fc.constantFrom(...fields), anyBad), fc.constantFrom(...fields), neverValid)
        .map(([values, field, refused]) => JSON.stringify({ ...values, [field]: refused }))
    : fc.dictionary(unicode, anyBad, { maxKeys: 4 }).map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: fc.constantFrom('null', '[]', '"text"', '42', 'true', '{', '{"a":', '{"a":1,}', "{'a':1}", '\u00ef\u00bb\u00bf{}', '{"a":1}{"b":2}') },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((d) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`) },
  );
};

/** A raw value for a query string: encoded as a client would, or raw (malformed percent-encoding). */
const queryValue = fc.oneof(
  // Past every field's limit, yet the whole request line stays under Node's 16 kB header limit
  // (beyond it Node itself answers 431, before the app: no error shape there).
  fc.integer({ min: 501, max: 3_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 101, max: 300 }).map((n) => encodeURIComponent('𝔘'.repeat(n))),
  anyBad.map((v) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v) ?? 'undefined')).filter((v) => v.length <= 3_500),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%FF%FE', '%%', '%2', '%u0041'),
);
const queryFor = (route: Route) => {
  const fields = fieldsOf(route.query);
  const key = fc.oneof(
    { weight: 4, arbitrary: fields.length ? fc.constantFrom(...fields) : fc.constantFrom('search', 'limit') },
    { weight: 1, arbitrary: fc.constantFrom(...(fields.length ? fields : ['search'])).chain((f) => fc.constantFrom(`${f}[]`, `${f}[$ne]`, `${f}[$gt]`, `${f}[0]`, `${f}[__proto__]`)) },
    { weight: 1, arbitrary: fc.constantFrom('$where', '__proto__', 'constructor', '%', '%zz', encodeURIComponent('😀')) },
  );
  return fc.array(fc.tuple(key, queryValue), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
};

/** Path ids that name nothing the caller may see: malformed, raw bad percent-encoding, or well-formed but foreign. */
const badId = () =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...foreignIds) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) },
    { weight: 2, arbitrary: fc.oneof(unicode, objectIdLike.map(String), fc.string({ maxLength: 600 })).filter((s) => s.length > 0).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', 'abc%', '%E0%A4%A', '%C0%AF', '%00', '%2e%2e', '..', '.', '%2F', 'null', 'undefined', encodeURIComponent('{"$ne":null}'), '%7B%22%24gt%22%3A%22%22%7D') },
  );

// ---- sending and judging ----------------------------------------------------------------------

const LITERAL_SEGMENTS = new Set(routes.flatMap((r) => r.path.split('/')));

async function send(route: Route, path: string, body?: string) {
  const account = accountFor(route);
  let req = request(app)[route.method](path);
  if (account) req = req.set('Cookie', cookies.get(account)!);
  if (route.method !== 'get') req = req.set(CSRF_HEADER, CSRF_HEADER_VALUE);
  if (body !== undefined) req = req.set('Content-Type', 'application/json').send(body);
  else if (route.method !== 'get') req = req.send({});
  return req;
}

/** Whether Express, the guard or the route's schemas must refuse this input. */
function mustRefuse(route: Route, parts: { id?: string; query?: string; body?: string }): boolean {
  if (parts.id !== undefined) return true; // every generated id is malformed or foreign
  const query = parseQuery(parts.query ?? '');
  let body: unknown = {};
  if (parts.body !== undefined) {
    try {
      body = JSON.parse(parts.body.replace(/^\u00ef\u00bb\u00bf/, ''));
    } catch {
      return true;
    }
    if (!body || typeof body !== 'object') return true; // express.json takes objects and arrays only
  }
  if (operatorKeyIn(query, body)) return true;
  if (route.query && !route.query.safeParse(query).success) return true;
  if (route.body && !route.body.safeParse(body).success) return true;
  return false;
}

async function judge(route: Route, kind: 'bodies' | 'queries' | 'ids' | 'oversize', parts: { id?: string; query?: string; body?: string }) {
  figures.inputs++;
  figures[kind]++;
  journal.take();
  const path = `${route.path.replace(':id', parts.id ?? foreignIds[0]!)}${parts.query ? `?${parts.query}` : ''}`;
  const res = await send(route, path, parts.body);
  const what = `${keyOf(route)} ${kind}: ${path.slice(0, 300)} ${parts.body?.slice(0, 200) ?? ''} → ${res.status} ${(res.text ?? `${res.type} answer`).slice(0, 200)}`;
  if (res.status >= 500) figures.fiveHundreds++;
  if (res.status >= 400 && res.status < 500) figures.fourHundreds++;
  expect(res.status, what).toBeLessThan(500);
  if (mustRefuse(route, parts) || kind === 'oversize') {
    expect(res.status, what).toBeGreaterThanOrEqual(400);
    expect(hasErrorShape(res.body), `${what}: not the error shape`).toBe(true);
  }
  const wrote = journal.take();
  if (wrote.length > 0) figures.writes++;
  expect(wrote, `${what} wrote`).toEqual([]);
}

/** fast-check's report, cut short: a counterexample may be a 100 kB string. */
async function check<T>(arbitrary: fc.Arbitrary<T>, run: (input: T) => Promise<void>, numRuns: number) {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, run), { numRuns, endOnFailure: true });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause;
    throw new Error(`${cause?.message.slice(0, 1_500) ?? ''}\n${(err as Error).message.slice(0, 1_000)}`);
  }
}

// ---- the properties ---------------------------------------------------------------------------

const withBody = routes.filter((r) => r.method !== 'get');
const withQuery = routes.filter((r) => r.method === 'get');
const withId = routes.filter((r) => r.path.includes(':id'));

describe('generated bad input, route by route', () => {
  it('covers every declared route', () => {
    const covered = new Set([...withBody, ...withQuery, ...withId].map(keyOf));
    expect(routes.map(keyOf).filter((k) => !covered.has(k))).toEqual([]);
  });

  for (const route of withBody) {
    it(`${keyOf(route)}: bad bodies answer 4xx with the error shape and write nothing`, async () => {
      await check(badBodyFor(route), (body) => judge(route, 'bodies', { body }), runs(route.body ? 30 : 8));
      // The limit is 100 kB: just over it in one-byte and two-byte characters, and far over it.
      for (const text of ['x'.repeat(103_000), 'é'.repeat(60_000), 'x'.repeat(1_000_000)]) {
        await judge(route, 'oversize', { body: JSON.stringify({ [fieldsOf(route.body)[0] ?? 'x']: text }) });
      }
    });
  }

  for (const route of withQuery) {
    it(`${keyOf(route)}: bad query strings never answer 5xx, and those refused answer 4xx with the error shape`, async () => {
      await check(queryFor(route), (query) => judge(route, 'queries', { query }), runs(route.query ? 45 : 10));
    });
  }

  for (const route of withId) {
    it(`${keyOf(route)}: malformed, badly encoded and foreign ids answer 4xx with the error shape and write nothing`, async () => {
      await check(badId().filter((id) => !LITERAL_SEGMENTS.has(id)), (id) => judge(route, 'ids', { id }), runs(20));
    });
  }

  it('left every collection of the database exactly as it was', async () => {
    expect(changedCollections(before, await snapshotDatabase())).toEqual([]);
    expect(figures.inputs).toBeGreaterThanOrEqual(1_000 * Math.min(SCALE, 1));
  });
});
