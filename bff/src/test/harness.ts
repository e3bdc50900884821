import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { createApp } from '../app.js';
import { createLoginRateLimiter, type LoginLimits } from '../auth/login-rate-limit.js';
import { createResetMailLimiter } from '../auth/password-setup.service.js';
import { loadConfig } from '../config.js';
import '../models.js'; // registers every model with the database layer
import { connectDatabase, readFromPostgres, syncAllIndexes } from '../db/connect.js';
import { writeReadFallbacks } from './read-fallbacks.js';
import { ensurePostgresIndexes } from '../db/postgres-indexes.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { loadDemoData } from '../seed/load.js';
import { createLogger } from '../logger.js';
import { testSsoKeys } from '../sso/sso-keys.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { createMailCourier, stopAllCouriers, whenDeliveriesSettled, type Courier } from '../deliveries/courier.js';
import { webhookTransportOf } from '../webhooks/webhook-transport.js';

export const DEMO_ACCOUNTS = {
  distributor: 'distributor@demo.example',
  card: 'reseller.card@demo.example',
  cash: 'reseller.cash@demo.example',
  deposit: 'reseller.deposit@demo.example',
  buyer: 'buyer@demo.example',
  otherDistributor: 'other.distributor@demo.example',
  otherReseller: 'other.reseller@demo.example',
} as const;
export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

export const TEST_SESSION_KEY = new TextEncoder().encode(randomBytes(32).toString('hex'));

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG ?? 'silent', DATA_DIR: '/tmp/storefront-test-unused', ...overrides });
}

export const TEST_SSO_KEYS = await testSsoKeys();

/** A prefix that keeps one test app's rate-limit counters apart from another's in the same database. */
export const testLimiterNamespace = () => `t${randomBytes(4).toString('hex')}:`;

/** The app on the test database; `mailer` replaces the outbox mailer (e.g. one whose sends fail). */
export function buildTestApp(limits?: Partial<LoginLimits>, configOverrides: Record<string, string> = {}, options: { mailer?: Mailer } = {}): Express {
  const config = testConfig(configOverrides);
  // Not started: it makes the first attempt at links, and `whenDeliveriesSettled` (or courierOf(app).drain()) delivers the rest.
  const courier = createMailCourier(options.mailer ?? createMailer(config, createLogger('silent')), config, createLogger('silent'), { webhook: webhookTransportOf(config) });
  const app = createApp({
    ssoKeys: TEST_SSO_KEYS,
    courier,
    config,
    logger: createLogger((process.env.TEST_LOG as 'error' | undefined) ?? 'silent'),
    sessionKey: TEST_SESSION_KEY,
    // Counters live in the test file's database: each app gets its own, as a fresh process would.
    loginLimiter: createLoginRateLimiter(
      limits ?? { failuresPerAddress: 10_000, failuresPerAccountAndAddress: 10_000, windowSeconds: 60, freeFailuresPerAccount: 10_000 },
      { namespace: testLimiterNamespace() },
    ),
    resetMailLimiter: createResetMailLimiter(undefined, { namespace: testLimiterNamespace() }),
  });
  couriers.set(app, courier);
  return app;
}

const couriers = new WeakMap<Express, Courier>();

/** The courier of a test app: to deliver through its mailer alone (`drain`). */
export const courierOf = (app: Express): Courier => couriers.get(app)!;

const SETUP_TIMEOUT_MS = 300_000;

/**
 * Each test file gets a database of its own on the run's FerretDB (see global-setup.ts), with the
 * demo data set loaded unless `demoData: false`.
 */
export function useTestDatabase(opts: { demoData?: boolean } = {}) {
  const dbName = `t_${randomBytes(6).toString('hex')}`;
  let reads: Awaited<ReturnType<typeof readFromPostgres>> | undefined;
  beforeAll(async () => {
    await connectDatabase(inject('mongoBaseUri'), dbName, { monitorCommands: true });
    await syncAllIndexes();
    if (inject('postgresUrl')) {
      await ensurePostgresIndexes(inject('postgresUrl'), dbName);
      reads = await readFromPostgres(inject('postgresUrl'));
    }
    if (opts.demoData !== false) await loadDemoData();
    // A setup, not a timed step: on a machine busy with other work it may take minutes.
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await whenDeliveriesSettled(); // no queued email outlives its test file's database
    await stopAllCouriers();
    await mongoose.connection.dropDatabase().catch(() => {});
    await reads?.close();
    if (inject('queryShapesDir')) writeReadFallbacks(inject('queryShapesDir'));
    await mongoose.disconnect();
  }, SETUP_TIMEOUT_MS);
}

/** The URI of this file's database (useTestDatabase), named in the path as a deployment would. */
export function testDatabaseUri(): string {
  const uri = new URL(inject('mongoBaseUri'));
  uri.pathname = `/${mongoose.connection.name}`;
  return uri.toString();
}

/** A supertest agent that sends the CSRF header, as the web app does. */
export function api(app: Express) {
  const csrf = (r: request.Test) => r.set(CSRF_HEADER, CSRF_HEADER_VALUE);
  return {
    get: (url: string, cookie?: string) => withCookie(request(app).get(url), cookie),
    post: (url: string, body?: object, cookie?: string) => csrf(withCookie(request(app).post(url), cookie)).send(body ?? {}),
    patch: (url: string, body?: object, cookie?: string) => csrf(withCookie(request(app).patch(url), cookie)).send(body ?? {}),
    put: (url: string, body?: object, cookie?: string) => csrf(withCookie(request(app).put(url), cookie)).send(body ?? {}),
    delete: (url: string, cookie?: string) => csrf(withCookie(request(app).delete(url), cookie)),
  };
}

function withCookie(r: request.Test, cookie?: string) {
  return cookie ? r.set('Cookie', cookie) : r;
}

/** Signs a demo account in and returns its `name=value` session cookie. */
export async function signIn(app: Express, who: DemoAccount | string, password = DEMO_PASSWORD): Promise<string> {
  const email = who in DEMO_ACCOUNTS ? DEMO_ACCOUNTS[who as DemoAccount] : who;
  const res = await api(app).post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return sessionCookieFrom(res.headers['set-cookie']);
}

export function sessionCookieFrom(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const session = all.find((c) => /^(__Host-)?session=/.test(c));
  if (!session) throw new Error('no session cookie set');
  return session.split(';')[0]!;
}
