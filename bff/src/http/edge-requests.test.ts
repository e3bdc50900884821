import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { createApp } from '../app.js';
import { createLoginRateLimiter } from '../auth/login-rate-limit.js';
import { createResetMailLimiter } from '../auth/password-setup.service.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { createMailCourier } from '../deliveries/courier.js';
import { createMailer } from '../mail/mailer.js';
import { buildRoutes } from '../routes.js';
import { TEST_SESSION_KEY, TEST_SSO_KEYS, testConfig } from '../test/harness.js';

// No database needed: every request here is refused or served before any query.
let dist = '';
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'web-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Storefront Admin</title>');
  await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dist, 'assets', 'app.js.map'), '{"version":3}');
});
afterAll(() => rm(dist, { recursive: true, force: true }));

function appWith(config: Config) {
  const lines: { level: number; msg?: string }[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(JSON.parse(chunk.toString())), cb()) }));
  const app = createApp({
    config,
    logger,
    sessionKey: TEST_SESSION_KEY,
    loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(),
    ssoKeys: TEST_SSO_KEYS,
    courier: createMailCourier(createMailer(config, createLogger('silent')), config, createLogger('silent')),
  });
  return { app, lines };
}
const testApp = () => appWith(testConfig({ WEB_DIST: dist }));
const productionApp = () =>
  appWith(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db.invalid', SMTP_URL: 'smtp://mail.invalid', PUBLIC_ORIGIN: 'https://admin.example.com', LOG_LEVEL: 'silent', WEB_DIST: dist }));

describe('malformed requests', () => {
  it('answers a malformed percent-encoding in a path with 400 and the error shape, logged below error level', async () => {
    const { app, lines } = testApp();
    for (const url of ['/api/customers/abc%', '/api/customers/%E0%A4%A', '/api/storefront-users/%zz/activate']) {
      const res = url.endsWith('activate') ? await request(app).post(url).set(CSRF_HEADER, CSRF_HEADER_VALUE) : await request(app).get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('bad_request');
    }
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('answers a compressed JSON body that does not decode with 400 on every JSON write route, logged below error level', async () => {
    const config = testConfig({ WEB_DIST: dist });
    const writes = buildRoutes(config).filter((r) => r.method !== 'get' && r.body);
    expect(writes.map((r) => `${r.method} ${r.path}`)).toContain('post /api/auth/login');
    expect(writes.length).toBeGreaterThanOrEqual(19);
    const json = Buffer.from('{"email":"a@b.example","password":"x"}');
    const bodies = {
      gzip: [json, gzipSync(json).subarray(0, 20)], // not gzip at all; cut off midway
      deflate: [json],
      br: [json],
    };
    const { app, lines } = appWith(config);
    for (const route of writes) {
      const url = route.path.replace(/:\w+/g, '0123456789abcdef01234567');
      for (const [encoding, sent] of Object.entries(bodies)) {
        for (const body of sent) {
          const res = await request(app)[route.method](url).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(body);
          expect([400, 415], `${route.method} ${url} ${encoding}`).toContain(res.status);
          expect(res.body.error.code, `${route.method} ${url} ${encoding}`).toBe('bad_request');
        }
      }
    }
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('answers an oversize body with 413 payload_too_large', async () => {
    const { app } = testApp();
    const res = await request(app)
      .post('/api/auth/login')
      .set(CSRF_HEADER, CSRF_HEADER_VALUE)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('outside /api', () => {
  it('answers a missing asset, and any method but GET, with the JSON error shape, never an HTML error page', async () => {
    const { app } = testApp();
    const calls = [
      request(app).get('/assets/nope.js'),
      request(app).get('/favicon-nope.png'),
      request(app).post('/sign-in'),
      request(app).delete('/anything'),
      request(app).put('/assets/app.js'),
    ];
    for (const call of calls) {
      const res = await call;
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('serves the single-page app for page paths and the built files as they are', async () => {
    const { app } = testApp();
    const page = await request(app).get('/reseller/customers');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Storefront Admin</title>');
    expect((await request(app).get('/assets/app.js')).status).toBe(200);
  });

  it('does not serve source maps in production', async () => {
    const { app } = productionApp();
    const res = await request(app).get('/assets/app.js.map').set('Host', 'admin.example.com');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect((await request(app).get('/assets/app.js').set('Host', 'admin.example.com')).status).toBe(200);
  });
});
