import { describe, expect, it } from 'vitest';
import { demoId } from '../db/demo-ids.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase } from '../test/harness.js';
import { Customer } from '../customers/customer.model.js';
import { COMPANY_INACTIVE } from './auth.service.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const buyerCompany = demoId('customer:cash:0');

describe('an inactive customer (rule 8)', () => {
  it('ends its users’ sessions, refuses their sign-in with a clear message, and lets them back in when active again', async () => {
    const buyer = await signIn(app, 'buyer');
    const cash = await signIn(app, 'cash');
    expect((await http.get('/api/auth/me', buyer)).status).toBe(200);

    const revision = (await Customer.collection.findOne({ _id: buyerCompany }))!.revision as number;
    expect((await http.put(`/api/customers/${buyerCompany}/active`, { active: false, revision }, cash)).status).toBe(200);

    // The session ends at the next request; nothing of the user is deleted.
    expect((await http.get('/api/auth/me', buyer)).status).toBe(401);
    const refused = await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'Demo-Password-1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(COMPANY_INACTIVE);
    // A wrong password still gets the ordinary answer: the state is told only to the account's owner.
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'wrong-password-1' })).status).toBe(401);
    // Staff of the reseller are not affected.
    expect((await http.get('/api/auth/me', cash)).status).toBe(200);

    const now = (await Customer.collection.findOne({ _id: buyerCompany }))!.revision as number;
    expect((await http.put(`/api/customers/${buyerCompany}/active`, { active: true, revision: now }, cash)).status).toBe(200);
    expect((await http.post('/api/auth/login', { email: DEMO_ACCOUNTS.buyer, password: 'Demo-Password-1' })).status).toBe(200);
  });
});
