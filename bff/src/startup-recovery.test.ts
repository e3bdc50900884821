import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditEvent } from './audit/audit-event.model.js';
import { Customer } from './customers/customer.model.js';
import { recoverUnfinishedChanges } from './startup-recovery.js';
import { api, buildTestApp, DEMO_ACCOUNTS, signIn, useTestDatabase } from './test/harness.js';
import { User } from './users/user.model.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);

afterEach(() => vi.restoreAllMocks());

describe('start-up recovery', () => {
  it('finishes a user change whose follow-up failed: the customer’s access mark and the audit event', async () => {
    const cash = await signIn(app, 'cash');
    const buyer = (await User.collection.findOne({ email: DEMO_ACCOUNTS.buyer }))!;
    const customerId = buyer.customerId;
    // The buyer is the customer's only active storefront user.
    expect(await User.collection.countDocuments({ customerId, role: 'storefront', state: 'active' })).toBe(1);
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(true);

    // The state change lands; the write that follows it (the customer's access mark) fails.
    vi.spyOn(Customer, 'updateOne').mockImplementationOnce(() => {
      throw new Error('database went away');
    });
    const res = await http.post(`/api/storefront-users/${buyer._id}/deactivate`, {}, cash);
    expect(res.status).toBe(500);
    expect((await User.collection.findOne({ _id: buyer._id }))!.state).toBe('deactivated');
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(true);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': buyer._id, action: 'storefront_user.deactivated' })).toBe(0);
    vi.restoreAllMocks();

    expect((await recoverUnfinishedChanges()).auditEvents).toBe(1);
    expect((await Customer.collection.findOne({ _id: customerId }))!.storefrontAccess).toBe(false);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': buyer._id, action: 'storefront_user.deactivated' })).toBe(1);
    expect((await recoverUnfinishedChanges()).auditEvents).toBe(0);
  });
});
