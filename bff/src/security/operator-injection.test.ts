/**
 * Operator injection: `$ne`, `$gt`, `$regex`, `$where`, `$expr`, `$nor`, `$in`, `$exists` in every
 * body field of every route and every query parameter (bracket syntax `?search[$ne]=x`, a `$` key,
 * and the operator as a JSON value) never widen a query and never succeed where the honest value
 * fails. Express 5 parses query strings flat (node:querystring): `search[$ne]` is a key of its own,
 * which the input guard refuses (400) rather than letting it be dropped unseen.
 */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import request from 'supertest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { demoId } from '../seed/demo-ids.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { buildRoutes } from '../routes.js';
import { buildTestApp, signIn, testConfig, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { accountFor, fieldsOf, hasErrorShape, keyOf, type Route } from '../test/route-inputs.js';
import { journalWrites } from '../test/write-journal.js';

useTestDatabase();
const routes = buildRoutes(testConfig());
const app = buildTestApp();
const OPERATORS: Record<string, unknown>[] = [
  { $ne: null },
  { $ne: 'x' },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'true' },
  { $expr: { $eq: [1, 1] } },
  { $nor: [{ _id: null }] },
  { $in: [null, ''] },
  { $exists: true },
];
const figures = { payloads: 0, successes: 0, widened: 0 };
const cookies = new Map<DemoAccount, string>();
let journal: ReturnType<typeof journalWrites>;

beforeAll(async () => {
  for (const account of ['cash', 'distributor', 'buyer'] as const) cookies.set(account, await signIn(app, account));
  journal = journalWrites();
});
afterAll(() => {
  journal?.stop();
  console.log(`[security figures] operator injection: ${figures.payloads} payloads tried, ${figures.successes} succeeded, ${figures.widened} widened a query`);
});

function send(route: Route, path: string, body?: unknown) {
  const account = accountFor(route);
  let req = request(app)[route.method](path);
  if (account) req = req.set('Cookie', cookies.get(account)!);
  if (route.method !== 'get') req = req.set(CSRF_HEADER, CSRF_HEADER_VALUE).send((body ?? {}) as object);
  return req;
}
const pathOf = (route: Route) => route.path.replace(':id', String(demoId('customer:cash:0')));

/** How many things an answer counts or lists (null when it counts nothing). */
function countIn(body: unknown): number | null {
  const b = body as Record<string, unknown> | null;
  if (typeof b?.total === 'number') return b.total;
  if (typeof b?.allCustomers === 'number') return b.allCustomers;
  if (Array.isArray(b?.items)) return b.items.length;
  if (Array.isArray(body)) return body.length;
  return null;
}

/** An injected request: never 2xx, 4xx with the error shape, and nothing written. */
async function expectRefused(route: Route, path: string, body?: unknown) {
  figures.payloads++;
  journal.take();
  const res = await send(route, path, body);
  const what = `${keyOf(route)} ${path} ${JSON.stringify(body ?? '')} → ${res.status} ${res.text.slice(0, 200)}`;
  if (res.status < 400) figures.successes++;
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(hasErrorShape(res.body), what).toBe(true);
  expect(journal.take(), `${what} wrote`).toEqual([]);
}

describe('operators in bodies', () => {
  for (const route of routes.filter((r) => r.body)) {
    it(`${keyOf(route)}: an operator in any field (top level and inside arrays) is refused and writes nothing`, async () => {
      for (const field of fieldsOf(route.body)) {
        for (const op of OPERATORS) await expectRefused(route, pathOf(route), { [field]: op });
        // Inside arrays too (a list of ids, an order's lines).
        for (const op of OPERATORS.slice(0, 2)) {
          await expectRefused(route, pathOf(route), { [field]: [op] });
          await expectRefused(route, pathOf(route), { [field]: [{ productId: op, quantity: 1 }] });
        }
      }
    });

    it(`${keyOf(route)}: the schema alone (without the input guard) refuses an operator in any field`, () => {
      for (const field of fieldsOf(route.body)) {
        for (const op of OPERATORS) expect(route.body!.safeParse({ [field]: op }).success, `${keyOf(route)} ${field}`).toBe(false);
      }
    });
  }

  it('sign-in: the honest wrong password fails (401), and no operator for the password or the email succeeds', async () => {
    const login = routes.find((r) => keyOf(r) === 'POST /api/auth/login')!;
    const honest = await send(login, '/api/auth/login', { email: 'buyer@demo.example', password: 'not-the-password' });
    expect(honest.status).toBe(401);
    for (const op of OPERATORS) {
      await expectRefused(login, '/api/auth/login', { email: 'buyer@demo.example', password: op });
      await expectRefused(login, '/api/auth/login', { email: op, password: DEMO_PASSWORD });
    }
  });
});

describe('operators in query strings', () => {
  for (const route of routes.filter((r) => r.method === 'get')) {
    const fields = fieldsOf(route.query).length ? fieldsOf(route.query) : ['search'];
    it(`${keyOf(route)}: bracket and $ keys are refused; operators as values never widen the honest query nor succeed where it fails`, async () => {
      const base = pathOf(route);
      for (const field of fields) {
        for (const suffix of ['[$ne]=x', '[$gt]=', '[$regex]=.*', '[$where]=1', '[$expr][$eq][]=1', '[$nor][0][a]=1', '[$in][]=', '[$exists]=true', '[]=a']) {
          await expectRefused(route, `${base}?${field}${suffix}`);
        }
        // The honest value: a plain one that names nothing. Operators written as its value must do no better.
        const honest = await send(route, `${base}?${field}=no-such-value-zz`);
        for (const op of [...OPERATORS.slice(1, 7).map((o) => JSON.stringify(o)), '.*']) {
          figures.payloads++;
          journal.take();
          const res = await send(route, `${base}?${field}=${encodeURIComponent(op)}`);
          const what = `${keyOf(route)} ?${field}=${op} → ${res.status} (honest ${honest.status})`;
          expect(res.status, what).toBeLessThan(500);
          expect(journal.take(), what).toEqual([]);
          if (honest.status >= 400) {
            if (res.status < 400) figures.successes++;
            expect(res.status, `${what}: succeeded where the honest value fails`).toBeGreaterThanOrEqual(400);
            continue;
          }
          const [got, expected] = [countIn(res.body), countIn(honest.body)];
          if (res.status < 400 && got !== null && expected !== null && got > expected) figures.widened++;
          if (res.status < 400 && got !== null && expected !== null) expect(got, `${what}: widened the query`).toBeLessThanOrEqual(expected);
        }
      }
      await expectRefused(route, `${base}?$where=1`);
      await expectRefused(route, `${base}?__proto__[isAdmin]=1`);
    });
  }
});
