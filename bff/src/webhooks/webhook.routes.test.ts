import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE, WEBHOOK_EVENT_TYPES } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { api, buildTestApp, signIn, useTestDatabase, type DemoAccount } from '../test/harness.js';
import { WebhookEndpoint } from './webhook-endpoint.model.js';

useTestDatabase();
// A local receiver is allowed here (registration is about the routes); the guard's refusals are tested without it too.
const app = buildTestApp(undefined, { WEBHOOK_ALLOW_PRIVATE: '1' });
const strict = buildTestApp();
const http = api(app);
const cookies = {} as Record<DemoAccount, string>;
const url = 'http://127.0.0.1:9/hooks';

let server: Server;
let base: string;
beforeAll(async () => {
  for (const who of ['cash', 'card', 'distributor', 'buyer', 'otherDistributor'] as DemoAccount[]) cookies[who] = await signIn(app, who);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function register(who: DemoAccount, body: object = {}) {
  const res = await http.post('/api/webhooks', { url, events: ['order.placed'], ...body }, cookies[who]);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { endpoint: { id: string; state: string }; secret: string };
}

describe('registering an endpoint', () => {
  it('a reseller’s staff register one: a generated secret shown once, never listed; audited', async () => {
    const { endpoint, secret } = await register('cash', { events: ['order.placed', 'customer.created'], description: 'Billing' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({ url, description: 'Billing', events: ['order.placed', 'customer.created'], state: 'active', resellerName: null, abilities: { pause: true, resume: false, delete: true } });
    const list = await http.get('/api/webhooks', cookies.cash);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(await AuditEvent.collection.countDocuments({ action: 'webhook.created', 'target.id': (await WebhookEndpoint.collection.findOne({ url, description: 'Billing' }))!._id })).toBe(1);
  });

  it('takes the caller’s own secret; a distributor’s endpoint is its own (no reseller)', async () => {
    const { endpoint, secret } = await register('distributor', { events: [...WEBHOOK_EVENT_TYPES], secret: 'my-own-secret-of-24-chars-or-more' });
    expect(secret).toBe('my-own-secret-of-24-chars-or-more');
    expect(endpoint).toMatchObject({ resellerName: null });
    // The distributor sees its resellers' endpoints too; a reseller never sees the distributor's or a sibling's.
    const cash = (await http.get('/api/webhooks', cookies.cash)).body.items.map((e: { id: string }) => e.id);
    expect(cash).not.toContain(endpoint.id);
    const card = await register('card');
    const all = (await http.get('/api/webhooks', cookies.distributor)).body.items as { id: string; resellerName: string | null }[];
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([endpoint.id, card.endpoint.id]));
    expect(all.find((e) => e.id === card.endpoint.id)!.resellerName).toBe('Cardinal IT Services');
    expect((await http.get('/api/webhooks', cookies.otherDistributor)).body.items).toEqual([]);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const before = await WebhookEndpoint.collection.countDocuments();
    const bad: [object, string][] = [
      [{ url, events: [] }, 'events'],
      [{ url, events: ['order.lost'] }, 'events.0'],
      [{ url, events: ['order.placed', 'order.placed'] }, 'events'],
      [{ url: 'not a url', events: ['order.placed'] }, 'url'],
      [{ url, events: ['order.placed'], secret: 'short' }, 'secret'],
    ];
    for (const [body, field] of bad) {
      const res = await http.post('/api/webhooks', body, cookies.cash);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    expect(await WebhookEndpoint.collection.countDocuments()).toBe(before);
  });

  it('without the development setting: loopback, private, metadata addresses and plain http are refused (400), nothing stored', async () => {
    const cash = await signIn(strict, 'cash');
    const before = await WebhookEndpoint.collection.countDocuments();
    for (const target of ['http://127.0.0.1:9/hooks', 'https://127.0.0.1/hooks', 'https://localhost/hooks', 'https://169.254.169.254/latest', 'https://192.168.0.10/hooks', 'https://[::1]/hooks']) {
      const res = await api(strict).post('/api/webhooks', { url: target, events: ['order.placed'] }, cash);
      expect(res.status, target).toBe(400);
      expect(res.body.error.fields.url, target).toMatch(/HTTPS only|public addresses only/);
    }
    expect(await WebhookEndpoint.collection.countDocuments()).toBe(before);
  });

  it('a storefront user → 403, no session → 401', async () => {
    expect((await http.post('/api/webhooks', { url, events: ['order.placed'] }, cookies.buyer)).status).toBe(403);
    expect((await http.get('/api/webhooks', cookies.buyer)).status).toBe(403);
    expect((await http.get('/api/webhooks')).status).toBe(401);
  });
});

describe('pausing, resuming, deleting', () => {
  it('pause → 200 (409 again), resume → 200 (409 again); each audited', async () => {
    const { endpoint } = await register('cash');
    const paused = await http.post(`/api/webhooks/${endpoint.id}/pause`, {}, cookies.cash);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ state: 'paused', abilities: { pause: false, resume: true } });
    expect(paused.body.pausedReason).toMatch(/Paused by/);
    expect((await http.post(`/api/webhooks/${endpoint.id}/pause`, {}, cookies.cash)).status).toBe(409);
    expect((await http.post(`/api/webhooks/${endpoint.id}/resume`, {}, cookies.cash)).body).toMatchObject({ state: 'active', pausedAt: null });
    expect((await http.post(`/api/webhooks/${endpoint.id}/resume`, {}, cookies.cash)).status).toBe(409);
    const id = (await WebhookEndpoint.collection.findOne({}, { sort: { createdAt: -1 } }))!._id;
    expect(await AuditEvent.collection.countDocuments({ action: { $in: ['webhook.paused', 'webhook.resumed'] }, 'target.id': id })).toBe(2);
  });

  it('50 racing pauses of one endpoint: 1 × 200, 49 × 409, one audit event', async () => {
    for (let round = 0; round < 3; round++) {
      const { endpoint } = await register('cash');
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => request(base).post(`/api/webhooks/${endpoint.id}/pause`).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Cookie', cookies.cash).send({})),
      );
      const counts: Record<number, number> = {};
      for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
      expect(counts).toEqual({ 200: 1, 409: 49 });
      const stored = (await WebhookEndpoint.collection.findOne({ state: 'paused' }, { sort: { createdAt: -1 } }))!;
      expect(await AuditEvent.collection.countDocuments({ action: 'webhook.paused', 'target.id': stored._id })).toBe(1);
    }
  });

  it('a sibling’s endpoint → 404 for every action; a storefront user → 403; nothing changes', async () => {
    const { endpoint } = await register('card');
    for (const path of [`/api/webhooks/${endpoint.id}/pause`, `/api/webhooks/${endpoint.id}/resume`]) {
      expect((await http.post(path, {}, cookies.cash)).status).toBe(404);
      expect((await http.post(path, {}, cookies.buyer)).status).toBe(403);
    }
    expect((await http.delete(`/api/webhooks/${endpoint.id}`, cookies.cash)).status).toBe(404);
    expect((await http.get(`/api/webhooks/${endpoint.id}/deliveries`, cookies.cash)).status).toBe(404);
    expect((await http.get(`/api/webhooks/${endpoint.id}/deliveries`, cookies.otherDistributor)).status).toBe(404);
    expect((await http.post('/api/webhooks/nope/pause', {}, cookies.cash)).status).toBe(404);
    expect(await WebhookEndpoint.collection.findOne({ url, state: 'active', resellerId: { $ne: null } })).toBeTruthy();
  });

  it('delete → 204, audited; then 404', async () => {
    const { endpoint } = await register('cash');
    expect((await http.delete(`/api/webhooks/${endpoint.id}`, cookies.cash)).status).toBe(204);
    expect((await http.delete(`/api/webhooks/${endpoint.id}`, cookies.cash)).status).toBe(404);
    expect(await AuditEvent.collection.countDocuments({ action: 'webhook.deleted', 'target.label': url })).toBeGreaterThanOrEqual(1);
  });
});
