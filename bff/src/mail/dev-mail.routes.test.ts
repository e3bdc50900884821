import { beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../seed/demo-ids.js';
import { buildRoutes } from '../routes.js';
import { api, buildTestApp, signIn, testConfig, useTestDatabase } from '../test/harness.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

const person = (email: string) => ({ firstName: 'Mae', lastName: 'Mailbox', email, language: 'en', dateFormat: 'YYYY-MM-DD' });
const CASH_MAIL = 'mae.cash@example.test';
const CARD_MAIL = 'mae.card@example.test';
const OTHER_MAIL = 'mae.other@example.test';

const recipients = async (cookie: string) => {
  const res = await http.get('/api/dev/mail', cookie);
  expect(res.status).toBe(200);
  return (res.body.items as { to: string }[]).map((m) => m.to);
};

beforeAll(async () => {
  // One welcome message in each of three subtrees: two resellers of one distributor, one of another.
  const sends: [string, string, string][] = [
    ['cash', 'customer:cash:7', CASH_MAIL],
    ['card', 'customer:card:7', CARD_MAIL],
    ['otherReseller', 'customer:other:7', OTHER_MAIL],
  ];
  for (const [who, customer, email] of sends) {
    const res = await http.post(`/api/customers/${demoId(customer)}/storefront-users`, person(email), await signIn(app, who));
    expect(res.status, `${who} adds ${email}`).toBe(201);
  }
});

describe('the development mailbox', () => {
  it('is closed to anonymous callers and to storefront users', async () => {
    const anonymous = await http.get('/api/dev/mail');
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('token=');
    const buyer = await http.get('/api/dev/mail', await signIn(app, 'buyer'));
    expect(buyer.status).toBe(403);
  });

  it('shows a reseller only the mail of its own storefront', async () => {
    const cash = await recipients(await signIn(app, 'cash'));
    expect(cash).toContain(CASH_MAIL);
    expect(cash).not.toContain(CARD_MAIL);
    expect(cash).not.toContain(OTHER_MAIL);
    expect(await recipients(await signIn(app, 'otherReseller'))).toEqual([OTHER_MAIL]);
  });

  it('shows a distributor the mail of its whole tree, and nothing of another distributor', async () => {
    const northwind = await recipients(await signIn(app, 'distributor'));
    expect(northwind).toEqual(expect.arrayContaining([CASH_MAIL, CARD_MAIL]));
    expect(northwind).not.toContain(OTHER_MAIL);
    expect(await recipients(await signIn(app, 'otherDistributor'))).toEqual([OTHER_MAIL]);
  });

  it('answers with Cache-Control: no-store, like every authenticated answer', async () => {
    const cookie = await signIn(app, 'cash');
    for (const path of ['/api/dev/mail', '/api/auth/me', '/api/customers', `/api/customers/${demoId('customer:cash:7')}`]) {
      const res = await http.get(path, cookie);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('where the development mailbox is mounted', () => {
  const mounted = (env: Record<string, string>) => buildRoutes(testConfig(env)).some((r) => r.path === '/api/dev/mail');

  it('only on a loopback HOST unless DEV_MAILBOX=1, and never with SMTP', () => {
    expect(mounted({})).toBe(true);
    expect(mounted({ HOST: 'localhost' })).toBe(true);
    expect(mounted({ HOST: '::1' })).toBe(true);
    expect(mounted({ HOST: '0.0.0.0' })).toBe(false);
    expect(mounted({ HOST: '::' })).toBe(false);
    expect(mounted({ HOST: '192.0.2.10' })).toBe(false);
    expect(mounted({ HOST: '0.0.0.0', DEV_MAILBOX: '1' })).toBe(true);
    expect(mounted({ SMTP_URL: 'smtp://mail.invalid' })).toBe(false);
    expect(mounted({ SMTP_URL: 'smtp://mail.invalid', DEV_MAILBOX: '1' })).toBe(false);
  });
});
