/**
 * The queue across real BFF processes (server.ts, as `pnpm start` runs it) on one database, with
 * a real SMTP server on loopback: a process killed mid-delivery, and two processes sharing the queue.
 */
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { demoId } from '../seed/demo-ids.js';
import { Product } from '../products/product.model.js';
import { deploymentEnv, startBff, type BffProcess } from '../test/bff-process.js';
import { DEMO_ACCOUNTS, testDatabaseUri, useTestDatabase } from '../test/harness.js';
import { startSmtpTestServer } from '../test/smtp-test-server.js';
import { Delivery } from './delivery.model.js';
import { enqueueForTest } from '../test/delivery-test-kit.js';

useTestDatabase();

const MAIL_DOMAIN = 'mail.example.test';
const processes: BffProcess[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  env = {
    ...(await deploymentEnv(testDatabaseUri())),
    SMTP_URL: smtp.url,
    MAIL_FROM: `Shop <shop@${MAIL_DOMAIN}>`,
    // Look for due messages often, and free a dead process's claim soon, so the test waits little.
    DELIVERY_POLL_MS: '100',
    DELIVERY_LEASE_MS: '3000',
    DELIVERY_FIRST_RETRY_MS: '100',
  };
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await smtp?.close();
});

const start = async () => {
  const bff = await startBff(env);
  processes.push(bff);
  return bff;
};

/** Waits for a condition of the database or the mail server (never for a fixed time). */
async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const messageIdOf = (id: Types.ObjectId) => `<${id.toHexString()}@${MAIL_DOMAIN}>`;

async function signIn(bff: BffProcess, email: string) {
  const res = await fetch(`${bff.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE },
    body: JSON.stringify({ email, password: 'Demo-Password-1' }),
  });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]!;
}

describe('the delivery queue across processes', () => {
  it('a process killed while sending an order email: after the next start the email is delivered, once', async () => {
    smtp.stall(); // the mail server takes the message and never answers: the send is in flight
    const a = await start();
    const product = (await Product.collection.findOne({ distributorId: demoId('distributor:northwind'), provisioning: 'automatic', active: true }))!;
    const placed = await fetch(`${a.base}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE, cookie: await signIn(a, DEMO_ACCOUNTS.buyer) },
      body: JSON.stringify({ idempotencyKey: randomUUID().replace(/-/g, ''), lines: [{ productId: String(product._id), quantity: 1 }] }),
    });
    expect(placed.status).toBe(201);
    const { number } = (await placed.json()) as { number: string };
    const mine = { topic: 'order.waiting', 'mail.subject': { $regex: number } };
    await until('the email claimed by the first process', async () => (await Delivery.collection.findOne(mine))?.state === 'sending');

    a.child.kill('SIGKILL');
    await a.stop();
    smtp.unstall();
    const { _id } = (await Delivery.collection.findOne(mine))!;
    expect(smtp.copiesOf(messageIdOf(_id))).toBe(0);

    await start();
    await until('the email delivered after the restart', async () => (await Delivery.collection.findOne({ _id }))?.state === 'sent');
    expect(smtp.copiesOf(messageIdOf(_id))).toBe(1);
    // The dead process's attempt, then the new process's: the receiver got one copy.
    expect(await Delivery.collection.findOne({ _id })).toMatchObject({ attempts: 2 });
  }, 240_000);

  it('two processes on one queue deliver every message exactly once', async () => {
    while (processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null).length < 2) await start();
    const ids: Types.ObjectId[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enqueueForTest({ to: `shared${i}@example.test` }))._id);
    await until('all 40 delivered', async () => (await Delivery.collection.countDocuments({ _id: { $in: ids }, state: 'sent' })) === ids.length);
    for (const id of ids) expect(smtp.copiesOf(messageIdOf(id)), id.toHexString()).toBe(1);
    const attempts = await Delivery.collection.distinct('attempts', { _id: { $in: ids } });
    expect(attempts).toEqual([1]); // no message was claimed twice
  }, 240_000);
});
