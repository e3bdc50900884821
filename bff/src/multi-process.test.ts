/**
 * Several BFF processes over one database: nothing that must be shared may live in one process's
 * memory. Two real server processes (server.ts, as `pnpm start` runs it) on the run's database
 * server, through MONGODB_URI as in production, each on its own port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { DEFAULT_LOGIN_LIMITS } from './auth/login-rate-limit.js';
import { demoId } from './seed/demo-ids.js';
import { Order } from './orders/order.model.js';
import { deploymentEnv, startBff, type BffProcess as Bff } from './test/bff-process.js';
import { DEMO_ACCOUNTS, testDatabaseUri, useTestDatabase } from './test/harness.js';

useTestDatabase();

const processes: Bff[] = [];
let dataDir = '';

const send = (bff: Bff, method: string, url: string, body?: object, cookie?: string) =>
  fetch(`${bff.base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE, ...(cookie ? { cookie } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const login = (bff: Bff, email: string, password: string) => send(bff, 'POST', '/api/auth/login', { email, password });
const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]!;

let a: Bff;
let b: Bff;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-two-bffs-'));
  const shared = await deploymentEnv(testDatabaseUri());
  const start = async (name: string) => {
    const bff = await startBff({ ...shared, DATA_DIR: path.join(dataDir, name) });
    processes.push(bff);
    return bff;
  };
  [a, b] = await Promise.all([start('a'), start('b')]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two BFF processes on one database', () => {
  it('count sign-in failures together: failures split between them add up to the limit, then both refuse', async () => {
    const limit = DEFAULT_LOGIN_LIMITS.failuresPerAccountAndAddress;
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await login(i % 2 === 0 ? a : b, DEMO_ACCOUNTS.deposit, `wrong-${i}`)).status);
    expect(statuses).toEqual(Array(limit).fill(401));
    // Each process saw only half the failures; together they reach the limit.
    const refusedByA = await login(a, DEMO_ACCOUNTS.deposit, 'Demo-Password-1');
    const refusedByB = await login(b, DEMO_ACCOUNTS.deposit, 'Demo-Password-1');
    expect([refusedByA.status, refusedByB.status], a.output() + b.output()).toEqual([429, 429]);
    expect(Number(refusedByB.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 120_000);

  it('share sessions: signed in on one, known to the other; signed out on one, refused by the other', async () => {
    const signedIn = await login(a, DEMO_ACCOUNTS.cash, 'Demo-Password-1');
    expect(signedIn.status).toBe(200);
    const cookie = cookieOf(signedIn);
    expect((await send(b, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(200);

    expect((await send(b, 'POST', '/api/auth/logout', undefined, cookie)).status).toBe(204);
    expect((await send(a, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
    expect((await send(b, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
  }, 120_000);

  it('count waiting orders from the database: an order accepted on one leaves the other’s count one lower', async () => {
    const cookie = cookieOf(await login(a, DEMO_ACCOUNTS.cash, 'Demo-Password-1'));
    const waiting = async (bff: Bff) => ((await (await send(bff, 'GET', '/api/overview', undefined, cookie)).json()) as { ordersPendingApproval: number }).ordersPendingApproval;
    const before = await waiting(b);
    expect(await waiting(a)).toBe(before);
    const order = await Order.collection.findOne({ resellerId: demoId('reseller:cash'), status: 'pending_approval' });
    expect((await send(a, 'POST', `/api/orders/${String(order!._id)}/accept`, {}, cookie)).status).toBe(200);
    expect(await waiting(b)).toBe(before - 1);
  }, 120_000);

  it('give the same ETag for the same figures: one’s tag is answered 304 by the other until a change on either', async () => {
    const cookie = cookieOf(await login(a, DEMO_ACCOUNTS.cash, 'Demo-Password-1'));
    const overview = (bff: Bff, etag?: string) =>
      fetch(`${bff.base}/api/overview`, { headers: { cookie, ...(etag ? { 'if-none-match': etag } : {}) } });
    const etag = (await overview(a)).headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await overview(b, etag)).status).toBe(304);
    const order = await Order.collection.findOne({ resellerId: demoId('reseller:cash'), status: 'pending_approval' });
    expect((await send(b, 'POST', `/api/orders/${String(order!._id)}/cancel`, {}, cookie)).status).toBe(200);
    const changed = await overview(a, etag);
    expect(changed.status).toBe(200);
    expect((await overview(b, changed.headers.get('etag')!)).status).toBe(304);
  }, 120_000);
});
