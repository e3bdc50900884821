/**
 * Several BFF processes over one database: nothing that must be shared may live in one process's
 * memory. Two real server processes (server.ts, as `pnpm start` runs it) on the run's database
 * server, through MONGODB_URI as in production, each on its own port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { DEFAULT_LOGIN_LIMITS } from './auth/login-rate-limit.js';
import { demoId } from './db/demo-ids.js';
import { Order } from './orders/order.model.js';
import { generateSsoJwk } from './sso/sso-keys.js';
import { DEMO_ACCOUNTS, useTestDatabase } from './test/harness.js';

useTestDatabase();

// Generous limits: under a full parallel test run FerretDB answers a whole-collection count in seconds.

interface Bff {
  base: string;
  child: ChildProcess;
  output: () => string;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const processes: Bff[] = [];
let dataDir = '';

async function startBff(env: Record<string, string>): Promise<Bff> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts')], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const bff = { base: `http://127.0.0.1:${port}`, child, output: () => output };
  processes.push(bff);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${bff.base}/api/health`).then((r) => r.status, () => 0)) === 200) return bff;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`BFF on ${port} did not start:\n${output}`);
}

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
  // The database this file's harness made and seeded, named in the URI as a deployment would.
  const uri = new URL(inject('mongoBaseUri'));
  uri.pathname = `/${mongoose.connection.name}`;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-two-bffs-'));
  // What a deployment shares between its processes: the database and the secrets, nothing else.
  const shared = {
    MONGODB_URI: uri.toString(),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SSO_SIGNING_KEY: JSON.stringify(await generateSsoJwk()),
  };
  [a, b] = await Promise.all([startBff({ ...shared, DATA_DIR: path.join(dataDir, 'a') }), startBff({ ...shared, DATA_DIR: path.join(dataDir, 'b') })]);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    processes.map((p) => (p.child.exitCode !== null ? null : new Promise((resolve) => (p.child.once('exit', resolve), p.child.kill('SIGTERM'))))),
  );
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
});
