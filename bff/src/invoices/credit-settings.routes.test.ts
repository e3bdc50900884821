import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';

/*
 * The reseller's credit setting: after how many overdue days its customers' orders wait for
 * approval. Its staff change it on the revision they read (stale: 409), audited before → after;
 * 0–365 only (400 otherwise); the distributor reads it and may not change it; nobody else reaches it.
 */
useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const url = `/api/resellers/${cash.toHexString()}/credit-settings`;
const cookies = {} as Record<'cash' | 'card' | 'buyer' | 'distributor' | 'otherDistributor', string>;
const stored = async () => (await Reseller.collection.findOne({ _id: cash }))!;
const events = () => AuditEvent.collection.find({ action: 'reseller.credit_settings_changed', resellerId: cash }).sort({ at: 1 }).toArray();

beforeAll(async () => {
  for (const who of ['cash', 'card', 'buyer', 'distributor', 'otherDistributor'] as const) cookies[who] = await signIn(app, who);
});

describe('the overdue days setting', () => {
  it('reads 30 by default; the reseller changes it, audited before → after; the distributor reads it without the edit ability', async () => {
    const read = await http.get(url, cookies.cash);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ resellerId: cash.toHexString(), overdueApprovalDays: 30, revision: (await stored()).revision, abilities: { edit: true } });
    const res = await http.put(url, { overdueApprovalDays: 45, revision: read.body.revision }, cookies.cash);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ overdueApprovalDays: 45, revision: read.body.revision + 1 });
    expect((await stored()).overdueApprovalDays).toBe(45);
    const [event] = await events();
    expect(event).toMatchObject({ changes: { overdueApprovalDays: { from: 30, to: 45 } }, target: { type: 'reseller', label: 'Cashmere Cloud Partners' } });
    const asDistributor = await http.get(url, cookies.distributor);
    expect(asDistributor.body).toMatchObject({ overdueApprovalDays: 45, abilities: { edit: false } });
    // The same value again changes nothing and writes no event.
    expect((await http.put(url, { overdueApprovalDays: 45, revision: res.body.revision }, cookies.cash)).status).toBe(200);
    expect(await events()).toHaveLength(1);
  });

  it.each([[-1], [366], [2.5], ['30'], [null]])('refuses %j with 400 naming the field, and changes nothing', async (overdueApprovalDays) => {
    const before = await stored();
    const res = await http.put(url, { overdueApprovalDays, revision: before.revision }, cookies.cash);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.overdueApprovalDays).toBeTruthy();
    expect(await stored()).toEqual(before);
  });

  it('accepts the bounds 0 and 365', async () => {
    for (const overdueApprovalDays of [0, 365]) {
      const res = await http.put(url, { overdueApprovalDays, revision: (await stored()).revision }, cookies.cash);
      expect(res.status).toBe(200);
      expect(res.body.overdueApprovalDays).toBe(overdueApprovalDays);
    }
  });

  it('a stale revision is 409 and changes nothing', async () => {
    const before = await stored();
    const res = await http.put(url, { overdueApprovalDays: 7, revision: before.revision - 1 }, cookies.cash);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale');
    expect(await stored()).toEqual(before);
  });

  it('the distributor and a storefront user may not change it (403); another reseller or distributor finds none (404); nothing changes', async () => {
    const before = await stored();
    const body = { overdueApprovalDays: 9, revision: before.revision };
    expect((await http.put(url, body, cookies.distributor)).status).toBe(403);
    expect((await http.put(url, body, cookies.buyer)).status).toBe(403);
    expect((await http.get(url, cookies.buyer)).status).toBe(403);
    expect((await http.put(url, body, cookies.card)).status).toBe(404);
    expect((await http.get(url, cookies.card)).status).toBe(404);
    expect((await http.get(url, cookies.otherDistributor)).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('of 50 racing edits on the same revision exactly one lands, with one audit event; the others are 409', async () => {
    const before = await stored();
    const eventsBefore = (await events()).length;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => http.put(url, { overdueApprovalDays: 100 + i, revision: before.revision }, cookies.cash)));
    const won = answers.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(49);
    const after = await stored();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.overdueApprovalDays).toBe(won[0]!.body.overdueApprovalDays);
    expect(await events()).toHaveLength(eventsBefore + 1);
  });
});
