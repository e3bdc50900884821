import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { demoId } from '../seed/demo-ids.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { api, buildTestApp, courierOf, signIn, useTestDatabase } from '../test/harness.js';
import { Delivery } from './delivery.model.js';
import { reportQueue } from './delivery-report.js';
import { enqueueForTest } from '../test/delivery-test-kit.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

/** A message that has finally failed, as the courier leaves it. */
async function failedMessage(to: string, resellerId = demoId('reseller:cash')) {
  const { _id } = await enqueueForTest({ to, resellerId, sensitive: true });
  await Delivery.collection.updateOne({ _id }, { $set: { state: 'failed', attempts: 9, failedAt: new Date(), lastError: '451 Try again later', giveUpAt: new Date() } });
  return _id;
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('GET /api/deliveries', () => {
  it('without a session → 401; a storefront user → 403', async () => {
    expect((await http.get('/api/deliveries')).status).toBe(401);
    expect((await http.get('/api/deliveries', await signIn(app, 'buyer'))).status).toBe(403);
  });

  it('lists the failed messages of the caller’s subtree with their error, never a body', async () => {
    const mine = await failedMessage('mine@example.test');
    const sibling = await failedMessage('sibling@example.test', demoId('reseller:card'));
    const res = await http.get('/api/deliveries', await signIn(app, 'cash'));
    expect(res.status).toBe(200);
    const ids = res.body.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(mine.toHexString());
    expect(ids).not.toContain(sibling.toHexString());
    const row = res.body.items.find((d: { id: string }) => d.id === mine.toHexString());
    expect(row).toMatchObject({ to: 'mine@example.test', state: 'failed', attempts: 9, lastError: '451 Try again later', abilities: { sendAgain: true } });
    expect(JSON.stringify(res.body)).not.toContain('Hello');
    // The distributor sees both.
    const all = (await http.get('/api/deliveries?state=failed', await signIn(app, 'distributor'))).body.items.map((d: { id: string }) => d.id);
    expect(all).toEqual(expect.arrayContaining([mine.toHexString(), sibling.toHexString()]));
  });

  it('refuses an unknown state with 400', async () => {
    expect((await http.get('/api/deliveries?state=lost', await signIn(app, 'cash'))).status).toBe(400);
  });
});

describe('POST /api/deliveries/:id/send-again', () => {
  it('sends a failed message again: waiting at once, delivered, audited; then 409', async () => {
    const cash = await signIn(app, 'cash');
    const id = await failedMessage('again@example.test');
    const res = await http.post(`/api/deliveries/${id}/send-again`, {}, cash);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'waiting', abilities: { sendAgain: false } });
    await courierOf(app).drain();
    // Attempts go on counting (each claim is numbered: delivery-claim.ts).
    expect(await Delivery.collection.findOne({ _id: id })).toMatchObject({ state: 'sent', attempts: 10 });
    expect(await OutboxMessage.countDocuments({ _id: id })).toBe(1);
    expect(await AuditEvent.collection.countDocuments({ action: 'delivery.resent', 'target.id': id })).toBe(1);
    expect((await http.post(`/api/deliveries/${id}/send-again`, {}, cash)).status).toBe(409);
  });

  it('another reseller’s message → 404, a storefront user → 403, a bad id → 404; nothing changes', async () => {
    const sibling = await failedMessage('theirs@example.test', demoId('reseller:card'));
    expect((await http.post(`/api/deliveries/${sibling}/send-again`, {}, await signIn(app, 'cash'))).status).toBe(404);
    expect((await http.post(`/api/deliveries/${sibling}/send-again`, {}, await signIn(app, 'buyer'))).status).toBe(403);
    expect((await http.post('/api/deliveries/nope/send-again', {}, await signIn(app, 'cash'))).status).toBe(404);
    expect(await Delivery.collection.findOne({ _id: sibling })).toMatchObject({ state: 'failed', attempts: 9 });
  });

  it('50 racing "send again" of one failed message: 1 × 200, 49 × 409, one audit event', async () => {
    const cash = await signIn(app, 'cash');
    for (let round = 0; round < 3; round++) {
      const id = await failedMessage(`race${round}@example.test`);
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => request(base).post(`/api/deliveries/${id}/send-again`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cash).send({})),
      );
      const counts: Record<number, number> = {};
      for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
      expect(counts).toEqual({ 200: 1, 409: 49 });
      expect(await AuditEvent.collection.countDocuments({ action: 'delivery.resent', 'target.id': id })).toBe(1);
    }
  });
});

describe('GET /api/health/details', () => {
  it('gives a distributor’s staff the queue of its tree: waiting, the oldest waiting, failed; 403 for others', async () => {
    await courierOf(app).drain();
    const distributor = await signIn(app, 'distributor');
    const before = (await http.get('/api/health/details', distributor)).body.deliveries;
    await Delivery.collection.updateMany({ state: 'waiting' }, { $set: { state: 'sent' } });
    const { _id } = await enqueueForTest({ to: 'waits@example.test' });
    await Delivery.collection.updateOne({ _id }, { $set: { createdAt: new Date(Date.now() - 3600_000) } });
    await failedMessage('fails@example.test');
    const res = await http.get('/api/health/details', distributor);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.deliveries).toMatchObject({ waiting: 1, failed: before.failed + 1 });
    expect(res.body.deliveries.oldestWaitingSeconds).toBeGreaterThanOrEqual(3600);
    expect((await http.get('/api/health/details', await signIn(app, 'cash'))).status).toBe(403);
    expect((await http.get('/api/health/details')).status).toBe(401);
    // The other distributor's tree holds none of these.
    const other = (await http.get('/api/health/details', await signIn(app, 'otherDistributor'))).body.deliveries;
    expect(other).toMatchObject({ waiting: 0, failed: 0, oldestWaitingAt: null });
  });

  it('the log gets the whole queue’s figures, as a warning while messages have failed', async () => {
    const lines: { level: number; msg: string; deliveries: { failed: number; waiting: number } }[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(JSON.parse(chunk.toString())), cb()) }));
    await reportQueue(log);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'delivery queue: messages failed or waiting long' });
    expect(lines[0]!.deliveries.failed).toBe(await Delivery.collection.countDocuments({ state: 'failed' }));
  });
});
