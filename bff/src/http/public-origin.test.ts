import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { createApp } from '../app.js';
import { createLoginRateLimiter } from '../auth/login-rate-limit.js';
import { createResetMailLimiter, whenResetMailsSettled } from '../auth/password-setup.service.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { createMailCourier } from '../deliveries/courier.js';
import { createMailer } from '../mail/mailer.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { DEMO_ACCOUNTS, TEST_SESSION_KEY, TEST_SSO_KEYS, useTestDatabase } from '../test/harness.js';

useTestDatabase();

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://db.invalid', SMTP_URL: 'smtp://mail.invalid' };

function appWith(config: Config) {
  const logger = createLogger('silent');
  return createApp({ config, logger, sessionKey: TEST_SESSION_KEY, loginLimiter: createLoginRateLimiter(), resetMailLimiter: createResetMailLimiter(), ssoKeys: TEST_SSO_KEYS, courier: createMailCourier(createMailer(config, logger), config, logger) });
}
const devConfig = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'development', PORT: '3000', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused', ...env });

describe('PUBLIC_ORIGIN', () => {
  it('is required in production, and defaults to localhost on the configured port in development', () => {
    expect(() => loadConfig(PRODUCTION)).toThrow(ConfigError);
    expect(() => loadConfig(PRODUCTION)).toThrow(/PUBLIC_ORIGIN is required/);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_ORIGIN: 'https://admin.example.com' }).PUBLIC_ORIGIN).toBe('https://admin.example.com');
    expect(devConfig({ PORT: '4321' }).PUBLIC_ORIGIN).toBe('http://localhost:4321');
    expect(() => devConfig({ PUBLIC_ORIGIN: 'https://admin.example.com/some/path' })).toThrow(/PUBLIC_ORIGIN/);
  });
});

describe('the Host header', () => {
  it('refuses a host that is not the public origin nor loopback on the configured port (DNS rebinding), with the error shape', async () => {
    const app = appWith(devConfig());
    for (const host of ['attacker.example', 'attacker.example:3000', 'localhost:4000', '127.0.0.2:3000', '']) {
      const res = await request(app).get('/api/auth/me').set('Host', host);
      expect(res.status, host).toBe(421);
      expect(res.body.error.code, host).toBe('misdirected_request');
      expect(res.headers['content-type']).toMatch(/json/);
    }
    // The page itself is refused too: a rebinding page could otherwise read it.
    expect((await request(app).get('/sign-in').set('Host', 'attacker.example:3000')).status).toBe(421);
  });

  it('accepts loopback on the configured port in development, and the health probe from anywhere', async () => {
    const app = appWith(devConfig());
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:3000']) {
      const res = await request(app).get('/api/auth/me').set('Host', host);
      expect(res.status, host).toBe(401);
    }
    expect((await request(app).get('/api/health').set('Host', '10.1.2.3:3000')).status).toBe(200);
  });

  it('in production accepts only the public origin host', async () => {
    const app = appWith(loadConfig({ ...PRODUCTION, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: 'https://admin.example.com' }));
    expect((await request(app).get('/api/auth/me').set('Host', 'admin.example.com')).status).toBe(401);
    expect((await request(app).get('/api/auth/me').set('Host', 'admin.example.com:443')).status).toBe(401);
    for (const host of ['localhost:3000', '127.0.0.1:3000', 'evil.example', 'admin.example.com.evil.example']) {
      expect((await request(app).get('/api/auth/me').set('Host', host)).status, host).toBe(421);
    }
  });

  it('never puts a forged Host into an emailed link: links come from PUBLIC_ORIGIN', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused', PUBLIC_ORIGIN: 'https://admin.example.test' });
    const app = appWith(config);
    const post = (host?: string) => {
      const r = request(app).post('/api/auth/forgot-password').set(CSRF_HEADER, CSRF_HEADER_VALUE);
      return (host ? r.set('Host', host) : r).send({ email: DEMO_ACCOUNTS.buyer });
    };
    const before = await OutboxMessage.countDocuments({});
    const forged = await post('attacker.example');
    expect(forged.status).toBe(421);
    await whenResetMailsSettled();
    expect(await OutboxMessage.countDocuments({})).toBe(before);

    expect((await post()).status).toBe(202);
    await whenResetMailsSettled();
    const mail = await OutboxMessage.findOne({ to: DEMO_ACCOUNTS.buyer }).sort({ createdAt: -1, _id: -1 }).lean();
    expect(mail?.text).toMatch(/https:\/\/admin\.example\.test\/reset-password\?token=/);
  });
});

describe('the CSRF Origin check', () => {
  it('compares with the configured origin, never with the Host the request names', async () => {
    const app = appWith(loadConfig({ ...PRODUCTION, LOG_LEVEL: 'silent', PUBLIC_ORIGIN: 'https://admin.example.com' }));
    const login = (origin: string) =>
      request(app).post('/api/auth/logout').set('Host', 'admin.example.com').set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Origin', origin).send({});
    expect((await login('https://admin.example.com')).status).toBe(204);
    // What the old fallback accepted: an Origin equal to the request's own (http) Host.
    expect((await login('http://admin.example.com')).status).toBe(403);
    expect((await login('http://localhost:3000')).status).toBe(403);
  });

  it('in development accepts the loopback origins the Host check accepts', async () => {
    const app = appWith(devConfig());
    const logout = (host: string, origin: string) =>
      request(app).post('/api/auth/logout').set('Host', host).set(CSRF_HEADER, CSRF_HEADER_VALUE).set('Origin', origin).send({});
    expect((await logout('127.0.0.1:3000', 'http://127.0.0.1:3000')).status).toBe(204);
    expect((await logout('localhost:3000', 'http://localhost:3000')).status).toBe(204);
    expect((await logout('localhost:3000', 'http://localhost:5173')).status).toBe(403);
  });
});
