import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLoginRateLimiter } from '../auth/login-rate-limit.js';
import { createResetMailLimiter } from '../auth/password-setup.service.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { createMailCourier } from '../deliveries/courier.js';
import { createMailer } from '../mail/mailer.js';
import { TEST_SESSION_KEY, TEST_SSO_KEYS, testConfig } from '../test/harness.js';

// No database: the headers come before any query (health answers without one when it is down).
const appWith = (config: Config) =>
  createApp({
    config,
    logger: createLogger('silent'),
    sessionKey: TEST_SESSION_KEY,
    loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(),
    ssoKeys: TEST_SSO_KEYS,
    courier: createMailCourier(createMailer(config, createLogger('silent')), config, createLogger('silent')),
  });

const production = (origin: string) =>
  loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db.invalid', SMTP_URL: 'smtp://mail.invalid', PUBLIC_ORIGIN: origin, LOG_LEVEL: 'silent' });

/** The strict policy that passed the wapiti scan; a change to it should be on purpose. */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];

async function headersOf(config: Config, host: string) {
  const res = await request(appWith(config)).get('/api/openapi.json').set('Host', host);
  expect(res.status).toBe(200);
  return res.headers;
}

describe('security headers', () => {
  it.each([
    ['production behind https', production('https://admin.example.com'), 'admin.example.com'],
    ['a test run with an https PUBLIC_ORIGIN', testConfig({ PUBLIC_ORIGIN: 'https://admin.example.com' }), 'admin.example.com'],
  ])('HSTS for a year, subdomains included, when PUBLIC_ORIGIN is https (%s)', async (_name, config, host) => {
    const headers = await headersOf(config, host);
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it.each([
    ['development on localhost', testConfig(), 'localhost'],
    ['production on a plain-http origin', production('http://admin.internal.example'), 'admin.internal.example'],
  ])('no HSTS when PUBLIC_ORIGIN is http (%s)', async (_name, config, host) => {
    const headers = await headersOf(config, host);
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it.each([
    ['https production', production('https://admin.example.com'), 'admin.example.com'],
    ['http development', testConfig(), 'localhost'],
  ])('keeps the strict content security policy (%s)', async (_name, config, host) => {
    const headers = await headersOf(config, host);
    const directives = String(headers['content-security-policy']).split(';').map((d) => d.trim());
    for (const directive of STRICT_CSP) expect(directives).toContain(directive);
    expect(directives.join(';')).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
