import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLoginRateLimiter } from '../auth/login-rate-limit.js';
import { createResetMailLimiter } from '../auth/password-setup.service.js';
import { loadConfig } from '../config.js';
import { demoId } from '../seed/demo-ids.js';
import { createLogger } from '../logger.js';
import { api, signIn, TEST_SESSION_KEY, TEST_SSO_KEYS, useTestDatabase } from '../test/harness.js';
import { startSmtpTestServer } from '../test/smtp-test-server.js';
import { createMailCourier } from '../deliveries/courier.js';
import { createMailer } from './mailer.js';
import { OutboxMessage } from './outbox.model.js';

useTestDatabase();

// A real SMTP server on loopback: the app's nodemailer transport talks SMTP to it.
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
});
afterAll(() => smtp.close());

function smtpApp() {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/unused', SMTP_URL: smtp.url, MAIL_FROM: 'Shop <shop@example.test>' });
  const logger = createLogger('silent');
  return createApp({ config, logger, sessionKey: TEST_SESSION_KEY, loginLimiter: createLoginRateLimiter(), resetMailLimiter: createResetMailLimiter(), ssoKeys: TEST_SSO_KEYS, courier: createMailCourier(createMailer(config, logger), config, logger) });
}

describe('email through SMTP', () => {
  it('delivers the welcome message with a working activation link to a real SMTP server', async () => {
    const app = smtpApp();
    const http = api(app);
    const outboxBefore = await OutboxMessage.countDocuments({});
    const res = await http.post(
      `/api/customers/${demoId('customer:cash:6')}/storefront-users`,
      { firstName: 'Sam', lastName: 'Smtp', email: 'sam.smtp@example.test', language: 'de', dateFormat: 'YYYY-MM-DD' },
      await signIn(app, 'cash'),
    );
    expect(res.status).toBe(201);
    expect(res.body.emailSent).toBe(true);

    const message = smtp.received.find((m) => m.to.includes('sam.smtp@example.test'));
    expect(message).toBeDefined();
    expect(message!.raw).toMatch(/^From: Shop <shop@example\.test>/m);
    expect(message!.raw).toMatch(/^Subject: .*Cashmere Cloud Partners/m);
    const unfolded = message!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /http:\/\/localhost:3000\/activate\?token=([A-Za-z0-9_-]{43})/.exec(unfolded);
    expect(link).not.toBeNull();
    expect(await OutboxMessage.countDocuments({})).toBe(outboxBefore);

    const activated = await http.post('/api/auth/activate', { token: link![1], password: 'Smtp-Works-2026' });
    expect(activated.status).toBe(200);
    expect((await http.post('/api/auth/login', { email: 'sam.smtp@example.test', password: 'Smtp-Works-2026' })).status).toBe(200);
  });

  it('has no development mailbox when SMTP is configured', async () => {
    expect((await api(smtpApp()).get('/api/dev/mail')).status).toBe(404);
  });

  it('refuses to start in production without SMTP_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), MONGODB_URI: 'mongodb://x' })).toThrow(/SMTP_URL is required/);
  });
});
