import { Types } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { APPROVAL_FORCED_NOTICE, CUSTOMER_BULK_IDS_LIMIT, CUSTOMER_BULK_LIMIT, type CustomerBulkResult } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { Product } from '../products/product.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const cash = demoId('reseller:cash');
const cashIds = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => demoId(`customer:cash:${from + i}`));
const S = (ids: Types.ObjectId[]) => ids.map(String);
const byIds = (ids: Types.ObjectId[]) => ({ kind: 'ids', ids: S(ids) });
const events = (action: string, ids: Types.ObjectId[]) => AuditEvent.collection.countDocuments({ action, 'target.id': { $in: ids } });
const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const bulk = (body: object, cookie: string) => http.post('/api/customers/bulk', body, cookie);

let cookie: string;
beforeEach(async () => {
  cookie = await signIn(app, 'cash');
});

describe('POST /api/customers/bulk: each customer decided on its own', () => {
  it('answers changed, unchanged and not found; another tenant’s ids are only counted, never named nor touched', async () => {
    const [mine, already] = cashIds(1, 3) as [Types.ObjectId, Types.ObjectId];
    const foreign = [demoId('customer:card:1'), demoId('customer:other:1')];
    await Customer.collection.updateOne({ _id: mine }, { $set: { active: true } });
    await Customer.collection.updateOne({ _id: already }, { $set: { active: false } });
    const foreignBefore = await Customer.collection.find({ _id: { $in: foreign } }).toArray();
    const eventsBefore = await AuditEvent.collection.countDocuments();

    const res = await bulk({ selection: byIds([mine, already, ...foreign, new Types.ObjectId()]), action: { type: 'setActive', active: false } }, cookie);
    expect(res.status).toBe(200);
    const body = res.body as CustomerBulkResult;
    expect(idsOf(body.changed)).toEqual([String(mine)]);
    expect(idsOf(body.unchanged)).toEqual([String(already)]);
    expect(body.refused).toEqual([]);
    expect(body.notFound).toBe(3);
    const answer = JSON.stringify(body);
    for (const c of foreignBefore) {
      expect(answer).not.toContain(String(c._id));
      expect(answer).not.toContain(c.companyName);
    }
    expect(await Customer.collection.find({ _id: { $in: foreign } }).toArray()).toEqual(foreignBefore);
    expect((await Customer.collection.findOne({ _id: mine }))!.active).toBe(false);
    // One audit event for the one customer changed; none for the unchanged one.
    expect(await AuditEvent.collection.countDocuments()).toBe(eventsBefore + 1);
    expect(await events('customer.deactivated', [mine])).toBe(1);
  });

  it('is 403 for the distributor and a storefront user, on both routes, and changes nothing', async () => {
    const before = await Customer.collection.find({ resellerId: cash }).toArray();
    for (const who of ['distributor', 'buyer'] as const) {
      const c = await signIn(app, who);
      expect((await bulk({ selection: byIds(cashIds(1, 3)), action: { type: 'setActive', active: false } }, c)).status).toBe(403);
      expect((await http.post('/api/customers/bulk/count', { filter: {} }, c)).status).toBe(403);
    }
    expect(await Customer.collection.find({ resellerId: cash }).toArray()).toEqual(before);
  });

  it('refuses an approval rule the reseller’s payment method forbids, saying why, customer by customer', async () => {
    const card = await signIn(app, 'card');
    const ids = [demoId('customer:card:1'), demoId('customer:card:2')];
    const refused = (await bulk({ selection: byIds(ids), action: { type: 'approvalRule', rule: { mode: 'never', aboveAmount: null } } }, card)).body as CustomerBulkResult;
    expect(refused.refused.map((r) => r.detail)).toEqual([APPROVAL_FORCED_NOTICE, APPROVAL_FORCED_NOTICE]);
    expect(refused.changed).toEqual([]);

    const mine = cashIds(3, 6);
    const rule = { type: 'approvalRule', rule: { mode: 'above', aboveAmount: 750 } };
    const first = (await bulk({ selection: byIds(mine), action: rule }, cookie)).body as CustomerBulkResult;
    expect(first.changed).toHaveLength(3);
    for (const c of await Customer.collection.find({ _id: { $in: mine } }).toArray()) expect(c.approvalRule).toEqual({ mode: 'above', aboveCents: 75_000 });
    const again = (await bulk({ selection: byIds(mine), action: rule }, cookie)).body as CustomerBulkResult;
    expect(idsOf(again.unchanged)).toEqual(S(mine).sort());
    expect(await events('customer.order_approval_changed', mine)).toBe(3);
  });

  it('sets a category’s price level as the record does; the same again changes nothing; another reseller’s level is 400 for all', async () => {
    const mine = cashIds(6, 9);
    const [category] = ((await Product.collection.distinct('category', { active: true })) as string[]).sort();
    const partner = String(demoId('price-level:cash:Partner'));
    const action = { type: 'priceLevels', assignments: [{ category, levelId: partner }] };
    const revisions = async () => (await Customer.collection.find({ _id: { $in: mine } }).sort({ _id: 1 }).toArray()).map((c) => c.revision);

    const before = await revisions();
    const card = String(demoId('price-level:card:Enterprise'));
    const bad = await bulk({ selection: byIds(mine), action: { type: 'priceLevels', assignments: [{ category, levelId: card }] } }, cookie);
    expect(bad.status).toBe(400);
    expect(await revisions()).toEqual(before);

    const first = (await bulk({ selection: byIds(mine), action }, cookie)).body as CustomerBulkResult;
    expect(first.changed.length + first.unchanged.length).toBe(3);
    for (const c of await Customer.collection.find({ _id: { $in: mine } }).toArray()) {
      expect(c.priceLevels.find((a: { category: string }) => a.category === category).levelId.toHexString()).toBe(partner);
    }
    const afterFirst = await revisions();
    const again = (await bulk({ selection: byIds(mine), action }, cookie)).body as CustomerBulkResult;
    expect(idsOf(again.unchanged)).toEqual(S(mine).sort());
    expect(await revisions()).toEqual(afterFirst);
  });

  it('sends activation to each customer’s pending users only, one audit event per user', async () => {
    const [withPending, without] = cashIds(9, 11) as [Types.ObjectId, Types.ObjectId];
    await User.collection.updateMany({ customerId: without, state: 'pending_activation' }, { $set: { state: 'deactivated' } });
    const pending = await User.collection.countDocuments({ customerId: withPending, state: 'pending_activation' });
    if (pending === 0) {
      const any = (await User.collection.findOne({ customerId: withPending, role: 'storefront' }))!;
      await User.collection.updateOne({ _id: any._id }, { $set: { state: 'pending_activation', passwordHash: null } });
    }
    const expected = Math.max(pending, 1);
    const res = (await bulk({ selection: byIds([withPending, without]), action: { type: 'sendActivation' } }, cookie)).body as CustomerBulkResult;
    expect(res.changed).toEqual([expect.objectContaining({ id: String(withPending), detail: `Activation sent to ${expected} ${expected === 1 ? 'user' : 'users'}` })]);
    expect(res.unchanged).toEqual([expect.objectContaining({ id: String(without), detail: 'No user waiting for activation' })]);
    expect(await AuditEvent.collection.countDocuments({ action: 'storefront_user.activation_resent', customerId: withPending })).toBe(expected);
    expect(await AuditEvent.collection.countDocuments({ action: 'storefront_user.activation_resent', customerId: without })).toBe(0);
  });
});

describe('all matching the filter', () => {
  it('resolves the filter under the caller’s scope and refuses (409, nothing changed) when the count moved from the one confirmed', async () => {
    const target = (await Customer.collection.findOne({ _id: demoId('customer:cash:11') }))!;
    const filter = { search: target.companyName };
    const count = (await http.post('/api/customers/bulk/count', { filter }, cookie)).body as { count: number; limit: number };
    expect(count.limit).toBe(CUSTOMER_BULK_LIMIT);
    expect(count.count).toBe(await Customer.collection.countDocuments({ resellerId: cash, companyName: target.companyName }));
    // The other distributor's reseller sees none of them.
    expect((await http.post('/api/customers/bulk/count', { filter }, await signIn(app, 'otherReseller'))).body.count).toBe(0);

    await Customer.collection.updateMany({ resellerId: cash, companyName: target.companyName }, { $set: { active: true } });
    const before = await AuditEvent.collection.countDocuments();
    const stale = await bulk({ selection: { kind: 'filter', filter, confirmedCount: count.count + 1 }, action: { type: 'setActive', active: false } }, cookie);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Nothing was changed/);
    expect(await AuditEvent.collection.countDocuments()).toBe(before);

    const done = (await bulk({ selection: { kind: 'filter', filter, confirmedCount: count.count }, action: { type: 'setActive', active: false } }, cookie)).body as CustomerBulkResult;
    expect(done.changed).toHaveLength(count.count);
    expect(done.changed.map((r) => r.companyName)).toContain(target.companyName);
  });

  it('caps a batch: too many ids, or a filter matching more than the limit, is 400 and changes nothing', async () => {
    const tooMany = Array.from({ length: CUSTOMER_BULK_IDS_LIMIT + 1 }, () => String(new Types.ObjectId()));
    const res = await bulk({ selection: { kind: 'ids', ids: tooMany }, action: { type: 'setActive', active: false } }, cookie);
    expect(res.status).toBe(400);

    const proto = (await Customer.collection.findOne({ _id: demoId('customer:cash:12') }))!;
    await Customer.collection.insertMany(
      Array.from({ length: CUSTOMER_BULK_LIMIT + 1 }, (_, i) => ({ ...proto, _id: new Types.ObjectId(), email: `cap${i}@cap.example`, companyName: `Cap ${i}`, nameKey: `cap ${i}`, searchText: `cap ${i}`, postcode: 'CAP-5001' })),
    );
    const filter = { search: 'cap ' };
    expect((await http.post('/api/customers/bulk/count', { filter }, cookie)).body.count).toBe(CUSTOMER_BULK_LIMIT + 1);
    const over = await bulk({ selection: { kind: 'filter', filter, confirmedCount: CUSTOMER_BULK_LIMIT }, action: { type: 'setActive', active: false } }, cookie);
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/narrow it down/);
    expect(await Customer.collection.countDocuments({ postcode: 'CAP-5001', active: false })).toBe(0);
    await Customer.collection.deleteMany({ postcode: 'CAP-5001' });
  });
});

describe('races: bulk and one-at-a-time edits of the same customers', () => {
  it('50 concurrent callers deactivating 10 customers: each ends inactive with exactly one audit event, every id accounted for once per answer', async () => {
    const ids = cashIds(20, 30);
    await Customer.collection.updateMany({ _id: { $in: ids } }, { $set: { active: true } });
    const revisions = new Map((await Customer.collection.find({ _id: { $in: ids } }).toArray()).map((c) => [String(c._id), c.revision as number]));
    const calls = Array.from({ length: 50 }, (_, i) => {
      if (i % 10 === 0) return bulk({ selection: byIds(ids), action: { type: 'setActive', active: false } }, cookie).then((r) => ({ bulk: true, r }));
      const id = S(ids)[i % 10]!;
      return http.put(`/api/customers/${id}/active`, { active: false, revision: revisions.get(id) }, cookie).then((r) => ({ bulk: false, r }));
    });
    const answers = await Promise.all(calls);
    for (const { bulk: isBulk, r } of answers) {
      if (!isBulk) {
        expect([200, 409]).toContain(r.status);
        continue;
      }
      expect(r.status).toBe(200);
      const b = r.body as CustomerBulkResult;
      expect([...idsOf(b.changed), ...idsOf(b.unchanged), ...idsOf(b.refused)].sort()).toEqual(S(ids).sort());
    }
    for (const c of await Customer.collection.find({ _id: { $in: ids } }).toArray()) expect(c.active).toBe(false);
    expect(await events('customer.deactivated', ids)).toBe(10);
    for (const id of ids) expect(await events('customer.deactivated', [id])).toBe(1);
  });

  it('50 concurrent approval-rule changes, bulk and single: every change recorded once, the last one recorded is what is stored', async () => {
    const ids = cashIds(30, 35);
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? bulk({ selection: byIds(ids), action: { type: 'approvalRule', rule: { mode: 'above', aboveAmount: 100 + (i % 3) } } }, cookie)
        : http.put(`/api/customers/${String(ids[i % 5])}/approval-rule`, { mode: i % 4 === 1 ? 'always' : 'never' }, cookie),
    );
    for (const r of await Promise.all(calls)) expect(r.status).toBe(200);
    for (const id of ids) {
      const log = await AuditEvent.collection.find({ action: 'customer.order_approval_changed', 'target.id': id }).sort({ at: 1, _id: 1 }).toArray();
      // Each event starts from where the previous one left: no lost or double-counted change.
      for (let k = 1; k < log.length; k++) expect(log[k]!.changes.approvalRule.from).toBe(log[k - 1]!.changes.approvalRule.to);
      expect(log.length).toBeGreaterThan(0);
      const stored = (await Customer.collection.findOne({ _id: id }))!.approvalRule as { mode: string; aboveCents: number | null };
      const words = stored.mode === 'above' ? `above ${(stored.aboveCents! / 100).toFixed(2)}` : stored.mode;
      expect(log.at(-1)!.changes.approvalRule.to).toBe(words);
    }
  });
});
