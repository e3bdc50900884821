/**
 * The kept figures through a crash: a real BFF process (server.ts) takes random concurrent
 * creates, orders, decisions and status changes, is killed (SIGKILL) with requests in flight,
 * and a new process starts on the same database. Once its start-up recovery has run, every kept
 * figure (each customer's, reseller's and distributor's) equals a recount of the documents.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Types } from 'mongoose';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { Order } from '../orders/order.model.js';
import { Product } from '../products/product.model.js';
import { deploymentEnv, startBff, type BffProcess } from '../test/bff-process.js';
import { DEMO_ACCOUNTS, testDatabaseUri, useTestDatabase } from '../test/harness.js';
import { expectFiguresEqualRecount } from '../test/figures-check.js';

useTestDatabase();

const processes: BffProcess[] = [];
let dataDir = '';
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const send = (bff: BffProcess, method: string, url: string, cookie: string, body?: object) =>
  fetch(`${bff.base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE, cookie },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

async function signIn(bff: BffProcess, email: string): Promise<string> {
  const res = await send(bff, 'POST', '/api/auth/login', '', { email, password: 'Demo-Password-1' });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]!;
}

const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];
const key = () => randomBytes(12).toString('hex');

/** Waits (without a fixed sleep) until nothing waits on any document: the recovery has run. */
async function untilNothingWaits(deadlineMs: number): Promise<void> {
  const waiting = async () =>
    (await Order.collection.countDocuments({ $or: [{ 'pendingFigures.0': { $exists: true } }, { 'pendingAudit.0': { $exists: true } }] })) +
    (await Customer.collection.countDocuments({ $or: [{ 'pendingFigures.0': { $exists: true } }, { 'pendingAudit.0': { $exists: true } }] }));
  const deadline = Date.now() + deadlineMs;
  while ((await waiting()) > 0) {
    if (Date.now() > deadline) throw new Error(`changes still waiting after ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kept figures through a crash', () => {
  it('equal a recount after random concurrent changes, a SIGKILL mid-way and a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-figures-crash-'));
    // The game's changes only: housekeeping would meanwhile invoice the demo's subscribers for the
    // months since the demo's date, moving balances under the recount.
    const env = { ...(await deploymentEnv(testDatabaseUri())), MONTHLY_INVOICES: 'off' };
    const first = await startBff({ ...env, DATA_DIR: path.join(dataDir, 'first') });
    processes.push(first);
    const [reseller, distributor, buyer] = [
      await signIn(first, DEMO_ACCOUNTS.cash),
      await signIn(first, DEMO_ACCOUNTS.distributor),
      await signIn(first, DEMO_ACCOUNTS.buyer),
    ];
    const resellerId = demoId('reseller:cash');
    const products = (await Product.collection.find({ distributorId: demoId('distributor:northwind'), active: true }).toArray()).map((p) => String(p._id));
    const customerIds = async () => (await Customer.collection.find({ resellerId }, { projection: { _id: 1 } }).toArray()).map((c) => c._id as Types.ObjectId);
    const orderIn = async (status: string) =>
      (await Order.collection.find({ resellerId, status }, { projection: { _id: 1 } }).limit(30).toArray()).map((o) => String(o._id));
    const lines = () => [{ productId: pick(products)!, quantity: 1 + Math.floor(Math.random() * 3) }];

    // Each step one random change, as the screens make them; refusals (409 for a decision someone
    // else made first, an inactive customer) are part of the game.
    const steps: (() => Promise<Response | null>)[] = [
      () => send(first, 'POST', '/api/customers', reseller, {
        companyName: `Crash Test ${key()}`,
        email: `crash-${key()}@example.com`,
        phone: '+30 210 000 0000',
        address: '1 Test Street',
        city: 'Athens',
        country: 'Greece',
        state: 'Attica',
        postcode: '10551',
      }),
      async () => send(first, 'POST', '/api/orders', reseller, { customerId: String(pick(await customerIds())), idempotencyKey: key(), lines: lines() }),
      () => send(first, 'POST', '/api/orders', buyer, { idempotencyKey: key(), lines: lines() }),
      async () => {
        const id = pick(await orderIn('pending_approval'));
        return id ? send(first, 'POST', `/api/orders/${id}/${Math.random() < 0.7 ? 'accept' : 'cancel'}`, reseller, {}) : null;
      },
      async () => {
        const id = pick(await orderIn('in_progress'));
        return id ? send(first, 'POST', `/api/orders/${id}/${Math.random() < 0.7 ? 'mark-executed' : 'cancel'}`, distributor, {}) : null;
      },
      async () => {
        // Never the buyer's own company: deactivated, it would end the buyer's session mid-game (401).
        const others = (await customerIds()).filter((id) => !id.equals(demoId('customer:cash:0')));
        const c = await Customer.collection.findOne({ _id: pick(others) });
        return c ? send(first, 'PUT', `/api/customers/${String(c._id)}/active`, reseller, { active: !c.active, revision: c.revision }) : null;
      },
    ];

    let answered = 0;
    let changed = 0;
    let killed = false;
    const KILL_AFTER = 80;
    const worker = async () => {
      while (!killed) {
        let res: Response | null;
        let body = '';
        try {
          res = await pick(steps)!();
          if (res) body = await res.text();
        } catch {
          return; // the process is gone
        }
        if (!res) continue;
        answered += 1;
        if (res.status === 200 || res.status === 201) changed += 1;
        else expect([409, 404], body).toContain(res.status);
        if (answered >= KILL_AFTER && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await first.stop();
    expect(changed).toBeGreaterThan(20);
    const left = async (model: typeof Order | typeof Customer) => model.collection.countDocuments({ 'pendingFigures.0': { $exists: true } });
    console.log(`[figures crash] ${answered} answers (${changed} changes) before the kill; deltas left waiting by it on ${await left(Order)} orders and ${await left(Customer)} customers`);

    // A new process on the same database; its start-up recovery finishes what the kill left.
    const second = await startBff({ ...env, DATA_DIR: path.join(dataDir, 'second') });
    processes.push(second);
    await untilNothingWaits(120_000);
    await expectFiguresEqualRecount(demoId('distributor:northwind'));
    await expectFiguresEqualRecount(demoId('distributor:contoso'));
  }, 300_000);
});
