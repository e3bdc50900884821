import mongoose, { Schema, Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Customer } from '../customers/customer.model.js';
import { demoId } from '../seed/demo-ids.js';
import { api, buildTestApp, signIn, useTestDatabase } from '../test/harness.js';
import { User } from '../users/user.model.js';
import { AuditEvent } from './audit-event.model.js';
import { recoverUnfinishedChanges } from '../startup-recovery.js';
import { auditOutboxPlugin, flushPendingAudit, outboxModels, sweepPendingAudit } from './audit-outbox.js';

useTestDatabase();
const app = buildTestApp();
const http = api(app);
const customerId = demoId('customer:cash:1');

const waitingOn = async (id = customerId) =>
  ((await Customer.collection.findOne({ _id: id }, { projection: { pendingAudit: 1 } }))?.pendingAudit ?? []) as { _id: unknown }[];
const approvalEvents = () => AuditEvent.collection.countDocuments({ 'target.id': customerId, action: 'customer.order_approval_changed' });

afterEach(() => vi.restoreAllMocks());

describe('audit events travel with the change they describe', () => {
  it('moves the event to the audit log and leaves nothing waiting', async () => {
    const cookie = await signIn(app, 'cash');
    const before = await approvalEvents();
    const current = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    const res = await http.put(`/api/customers/${customerId}/order-approval`, { required: !current.orderApproval.customerSetting }, cookie);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('pendingAudit');
    expect(await approvalEvents()).toBe(before + 1);
    expect(await waitingOn()).toEqual([]);
  });

  it('keeps the event on the changed document when the audit log refuses it, and the sweep moves it exactly once', async () => {
    const cookie = await signIn(app, 'cash');
    const before = await approvalEvents();
    const current = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    const wanted = !current.orderApproval.customerSetting;

    vi.spyOn(AuditEvent.prototype, 'save').mockRejectedValueOnce(new Error('audit log unavailable'));
    const res = await http.put(`/api/customers/${customerId}/order-approval`, { required: wanted }, cookie);

    // The change is made and answered; its event waits on the document instead of being lost.
    expect(res.status).toBe(200);
    expect((await Customer.collection.findOne({ _id: customerId }))!.orderApprovalRequired).toBe(wanted);
    expect(await approvalEvents()).toBe(before);
    const waiting = await waitingOn();
    expect(waiting).toHaveLength(1);

    expect(await sweepPendingAudit([Customer, User])).toBe(1);
    expect(await approvalEvents()).toBe(before + 1);
    expect(await AuditEvent.collection.countDocuments({ _id: waiting[0]!._id as never })).toBe(1);
    expect(await waitingOn()).toEqual([]);

    expect(await sweepPendingAudit([Customer, User])).toBe(0);
    expect(await approvalEvents()).toBe(before + 1);
  });

  it('moves an event left waiting with the next change of the same document', async () => {
    const cookie = await signIn(app, 'cash');
    const before = await approvalEvents();
    const current = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    vi.spyOn(AuditEvent.prototype, 'save').mockRejectedValueOnce(new Error('audit log unavailable'));
    await http.put(`/api/customers/${customerId}/order-approval`, { required: !current.orderApproval.customerSetting }, cookie);
    expect(await waitingOn()).toHaveLength(1);

    const next = await http.put(`/api/customers/${customerId}/order-approval`, { required: current.orderApproval.customerSetting }, cookie);
    expect(next.status).toBe(200);
    expect(await approvalEvents()).toBe(before + 2);
    expect(await waitingOn()).toEqual([]);
  });

  it('does not copy an event twice when a move stopped between copying and clearing', async () => {
    const cookie = await signIn(app, 'cash');
    const current = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    vi.spyOn(AuditEvent.prototype, 'save').mockRejectedValueOnce(new Error('audit log unavailable'));
    await http.put(`/api/customers/${customerId}/order-approval`, { required: !current.orderApproval.customerSetting }, cookie);
    const [event] = await waitingOn();
    // The copy made it, the clearing did not.
    await AuditEvent.collection.insertOne(event as never);

    expect(await flushPendingAudit(Customer, customerId)).toBe(1);
    expect(await AuditEvent.collection.countDocuments({ _id: event!._id as never })).toBe(1);
    expect(await waitingOn()).toEqual([]);
  });

  it('records nothing when the change is refused', async () => {
    const cookie = await signIn(app, 'cash');
    const current = (await http.get(`/api/customers/${customerId}`, cookie)).body;
    const before = await AuditEvent.collection.countDocuments({ 'target.id': customerId });
    const stale = await http.put(`/api/customers/${customerId}`, { ...pickFields(current), city: 'Volos', revision: current.revision - 1 }, cookie);
    expect(stale.status).toBe(409);
    expect(await AuditEvent.collection.countDocuments({ 'target.id': customerId })).toBe(before);
    expect(await waitingOn()).toEqual([]);
  });
});

function pickFields(c: Record<string, unknown>) {
  const { companyName, email, phone, address, city, country, state, postcode } = c;
  return { companyName, email, phone, address, city, country, state, postcode };
}

describe('the outbox registry', () => {
  it('holds every model whose schema has an outbox, and no other', () => {
    const names = outboxModels().map((m) => m.modelName);
    // Sessions carry one: the start and end of staff viewing a storefront as a customer's user.
    expect(names).toEqual(expect.arrayContaining(['Customer', 'User', 'Session']));
    expect(names).not.toContain('AuditEvent');
    expect(names).not.toContain('RateLimit');
  });

  it('puts a new collection with an outbox in the start-up sweep without naming it anywhere', async () => {
    const schema = new Schema({ label: String });
    schema.plugin(auditOutboxPlugin);
    const Probe = mongoose.models.OutboxProbe ?? mongoose.model('OutboxProbe', schema);
    const _id = new Types.ObjectId();
    const event = {
      _id: new Types.ObjectId(),
      distributorId: demoId('distributor'),
      resellerId: null,
      customerId: null,
      at: new Date(),
      actor: { userId: null, role: 'distributor', name: 'Probe' },
      action: 'probe.changed',
      target: { type: 'probe', id: _id },
      changes: null,
      ip: null,
      userAgent: null,
      requestId: null,
    };
    await Probe.collection.insertOne({ _id, label: 'left half-done', pendingAudit: [event] });
    expect((await recoverUnfinishedChanges()).auditEvents).toBeGreaterThanOrEqual(1);
    expect(await AuditEvent.collection.countDocuments({ _id: event._id })).toBe(1);
    expect((await Probe.collection.findOne({ _id }))!.pendingAudit).toEqual([]);
  });
});
