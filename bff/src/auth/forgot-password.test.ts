import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createMailCourier } from '../deliveries/courier.js';
import { Delivery } from '../deliveries/delivery.model.js';
import type { Mailer } from '../mail/mailer.js';
import { OutboxMessage } from '../mail/outbox.model.js';
import { createLogger } from '../logger.js';
import { api, buildTestApp, DEMO_ACCOUNTS, TEST_SESSION_KEY, TEST_SSO_KEYS, testConfig, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { createLoginRateLimiter } from './login-rate-limit.js';
import { createResetMailLimiter, DEFAULT_RESET_MAIL_LIMITS, whenResetMailsSettled } from './password-setup.service.js';

useTestDatabase();

/** A mailer that holds every message until released, and counts what it was given. */
function gatedMailer() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const sent: string[] = [];
  const mailer: Mailer = {
    kind: 'smtp',
    async send(message) {
      await gate;
      sent.push(message.to);
    },
  };
  return { mailer, sent, release };
}

function appWith(mailer: Mailer, logger = createLogger('silent')) {
  return createApp({
    config: testConfig(),
    logger,
    sessionKey: TEST_SESSION_KEY,
    loginLimiter: createLoginRateLimiter(),
    resetMailLimiter: createResetMailLimiter(),
    ssoKeys: TEST_SSO_KEYS,
    courier: createMailCourier(mailer, testConfig(), logger),
  });
}

const outboxCount = (to?: string) => OutboxMessage.countDocuments(to ? { to } : {});

describe('POST /api/auth/forgot-password', () => {
  it('answers 202 before the account is looked up or mailed: a slow mailer does not slow the answer', async () => {
    const { mailer, sent, release } = gatedMailer();
    const http = api(appWith(mailer));
    const started = Date.now();
    // Before the fix the request waited for the mail, so this timed out.
    const res = await http.post('/api/auth/forgot-password', { email: DEMO_ACCOUNTS.buyer }).timeout(3000);
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(sent).toEqual([]);
    release();
    await whenResetMailsSettled();
    expect(sent).toEqual([DEMO_ACCOUNTS.buyer]);
  });

  it('after answering 202, a failed send is logged and the link kept in the queue for a retry', async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(JSON.parse(chunk.toString())), cb()) }));
    const failing: Mailer = { kind: 'smtp', send: () => Promise.reject(new Error('SMTP is down')) };
    const res = await api(appWith(failing, logger)).post('/api/auth/forgot-password', { email: DEMO_ACCOUNTS.buyer });
    expect(res.status).toBe(202);
    await whenResetMailsSettled();
    expect(lines.some((l) => l.level === 40 && /message not delivered: will retry/.test(l.msg))).toBe(true);
    const kept = await Delivery.collection.findOne({ 'mail.to': DEMO_ACCOUNTS.buyer, topic: 'account.reset' }, { sort: { createdAt: -1 } });
    expect(kept).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'SMTP is down' });
  });

  it('sends at most the per-account limit of reset mails, however often it is asked (same answer each time)', async () => {
    const http = api(buildTestApp());
    const before = await outboxCount(DEMO_ACCOUNTS.buyer);
    const answers = await Promise.all(Array.from({ length: 40 }, () => http.post('/api/auth/forgot-password', { email: DEMO_ACCOUNTS.buyer })));
    expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`))).toEqual(new Set(['202 {}']));
    await whenResetMailsSettled();
    const mailed = (await outboxCount(DEMO_ACCOUNTS.buyer)) - before;
    expect(mailed).toBeGreaterThan(0);
    expect(mailed).toBeLessThanOrEqual(DEFAULT_RESET_MAIL_LIMITS.perAccount);
  });

  it('sends at most the per-address limit of reset mails to different accounts from one address', async () => {
    const http = api(buildTestApp());
    const users = await User.collection.find({ role: 'storefront', state: 'active' }, { projection: { email: 1 } }).limit(40).toArray();
    expect(users.length).toBe(40);
    const before = await outboxCount();
    for (const u of users) expect((await http.post('/api/auth/forgot-password', { email: u.email })).status).toBe(202);
    await whenResetMailsSettled();
    const mailed = (await outboxCount()) - before;
    expect(mailed).toBeGreaterThan(0);
    expect(mailed).toBeLessThanOrEqual(DEFAULT_RESET_MAIL_LIMITS.perAddress);
  });
});
