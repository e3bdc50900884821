import { describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { Customer } from './customer.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const target = demoId('customer:cash:7');
const url = `/api/customers/${target.toHexString()}/credit-terms`;
const revisionOf = async () => (await Customer.collection.findOne({ _id: target }))!.revision as number;

describe('PUT /api/customers/:id/credit-terms', () => {
  it('sets terms, limit and VAT rate, shows them on the record and audits only what changed', async () => {
    const cookie = await signIn(app, 'cash');
    const res = await http.put(url, { paymentTerms: 'net_30', creditLimitCents: 250_000, vatRateBp: 2400, revision: await revisionOf() }, cookie);
    expect(res.status).toBe(200);
    expect(res.body.creditTerms).toEqual({ paymentTerms: 'net_30', creditLimitCents: 250_000, vatRateBp: 2400 });
    expect(res.body.abilities.setCreditTerms).toBe(true);
    const again = await http.put(url, { paymentTerms: 'net_30', creditLimitCents: null, vatRateBp: 2400, revision: res.body.revision }, cookie);
    expect(again.body.creditTerms.creditLimitCents).toBeNull();
    const events = await AuditEvent.collection.find({ 'target.id': target, action: 'customer.credit_terms_changed' }).sort({ at: 1 }).toArray();
    expect(events).toHaveLength(2);
    expect(events[0]!.changes).toMatchObject({ paymentTerms: { to: 'Net 30 days' }, creditLimit: { from: 'no limit', to: '2500.00' }, vatRate: { from: '0 %', to: '24 %' } });
    expect(Object.keys(events[1]!.changes!)).toEqual(['creditLimit']);
  });

  it('refuses bad input with 400 naming the field, a stale revision with 409, and changes nothing', async () => {
    const cookie = await signIn(app, 'cash');
    const before = await Customer.collection.findOne({ _id: target });
    for (const bad of [
      { paymentTerms: 'net_45', creditLimitCents: 0, vatRateBp: 0 },
      { paymentTerms: 'net_15', creditLimitCents: -1, vatRateBp: 0 },
      { paymentTerms: 'net_15', creditLimitCents: 10.5, vatRateBp: 0 },
      { paymentTerms: 'net_15', creditLimitCents: 0, vatRateBp: 10_001 },
    ]) {
      const res = await http.put(url, { ...bad, revision: before!.revision }, cookie);
      expect(res.status).toBe(400);
    }
    const stale = await http.put(url, { paymentTerms: 'net_60', creditLimitCents: 1, vatRateBp: 1, revision: before!.revision - 1 }, cookie);
    expect(stale.status).toBe(409);
    expect((await Customer.collection.findOne({ _id: target }))!.revision as number).toBe(before!.revision);
  });

  it('lets exactly one of 50 racing edits on the same revision land', async () => {
    const cookie = await signIn(app, 'cash');
    const revision = await revisionOf();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => http.put(url, { paymentTerms: 'net_15', creditLimitCents: 1000 + i, vatRateBp: 1900, revision }, cookie)),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await revisionOf()).toBe(revision + 1);
  });

  it('is 403 for distributor staff and storefront users; another reseller’s customer is 404', async () => {
    const body = { paymentTerms: 'net_15', creditLimitCents: null, vatRateBp: 0, revision: 1 };
    expect((await http.put(url, body, await signIn(app, 'distributor'))).status).toBe(403);
    expect((await http.put(url, body, await signIn(app, 'buyer'))).status).toBe(403);
    expect((await http.put(url, body, await signIn(app, 'card'))).status).toBe(404);
  });
});
