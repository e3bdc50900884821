import { Types } from 'mongoose';
import { webhooksPagePath } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import type { AuditEventRecord } from '../audit/audit.service.js';
import { pushDeliveries, queueDeliveries } from '../deliveries/delivery-outbox.js';
import { outgoingMail } from '../deliveries/outgoing-message.js';
import { escapeHtml } from '../mail/templates.js';
import { SYSTEM_CLIENT } from '../tenancy/actor.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped, unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { User } from '../users/user.model.js';
import { WebhookEndpoint, type WebhookEndpointDoc } from './webhook-endpoint.model.js';

/*
 * An endpoint's health: its first failed attempt after a success marks it failing; a success
 * clears the mark; a failure 24 h or more after the mark pauses it (one conditional write, so of
 * many couriers failing at once one pauses it and one email goes out). New events skip a paused
 * endpoint and its waiting deliveries fail at their next attempt; its owner resumes it.
 */

/** How long an endpoint may fail before it is paused. */
export const PAUSE_AFTER_FAILING_MS = 24 * 3_600_000;

const why = 'webhooks: an endpoint’s health is kept by the courier, for every tenant';

export async function endpointSucceeded(id: Types.ObjectId): Promise<void> {
  await unsafeUnscoped(WebhookEndpoint.updateOne({ _id: id, failingSince: { $ne: null } }, { $set: { failingSince: null } }), why);
}

/** Records a failed attempt; answers whether this one paused the endpoint. */
export async function endpointFailed(id: Types.ObjectId, origin: string, now = new Date()): Promise<boolean> {
  await unsafeUnscoped(WebhookEndpoint.updateOne({ _id: id, failingSince: null }, { $set: { failingSince: now } }), why);
  const since = new Date(now.getTime() - PAUSE_AFTER_FAILING_MS);
  const endpoint = (await unsafeUnscoped(WebhookEndpoint.findOne({ _id: id, state: 'active', failingSince: { $lte: since } }), why).lean()) as WebhookEndpointDoc | null;
  if (!endpoint) return false;
  return pause(endpoint, origin, now);
}

const reason = 'Every delivery failed for 24 hours';

async function pause(endpoint: WebhookEndpointDoc, origin: string, now: Date): Promise<boolean> {
  const scope = systemScope({ distributorId: endpoint.distributorId, resellerId: endpoint.resellerId });
  const owners = await scoped(
    User.find(endpoint.resellerId ? { role: 'reseller', resellerId: endpoint.resellerId, state: 'active' } : { role: 'distributor', resellerId: null, state: 'active' }, {
      email: 1,
      firstName: 1,
      distributorId: 1,
      resellerId: 1,
      customerId: 1,
    }),
    scope,
  ).lean();
  const link = `${origin}${webhooksPagePath(endpoint.resellerId ? 'reseller' : 'distributor')}`;
  const messages = owners.map((u) => outgoingMail('webhook.paused', u, pausedMail(u.email, u.firstName, endpoint.url, link), { at: now }));
  const event: AuditEventRecord = {
    _id: new Types.ObjectId(),
    distributorId: endpoint.distributorId,
    resellerId: endpoint.resellerId,
    customerId: null,
    at: now,
    actor: { userId: null, role: 'system', name: 'Delivery queue', email: null },
    action: 'webhook.paused',
    target: { type: 'webhook', id: endpoint._id, label: endpoint.url },
    customerName: null,
    changes: { state: { from: 'active', to: 'paused' }, reason: { from: null, to: reason } },
    ip: null,
    userAgent: null,
    requestId: null,
  };
  const paused = await scoped(
    WebhookEndpoint.findOneAndUpdate(
      { _id: endpoint._id, state: 'active', failingSince: endpoint.failingSince },
      { $set: { state: 'paused', pausedAt: now, pausedReason: reason }, $push: { ...pushAudit(event).$push, ...pushDeliveries(messages) } },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!paused) return false;
  await settleAudit({ client: SYSTEM_CLIENT }, WebhookEndpoint, paused);
  await queueDeliveries(WebhookEndpoint, paused);
  return true;
}

function pausedMail(to: string, name: string, url: string, link: string) {
  const subject = `Webhook paused: ${url}`;
  const text = `Hello ${name},\n\nEvery delivery to your webhook endpoint ${url} has failed for 24 hours, so it is paused: it receives no new events. Its delivery log shows why. Once the receiver works again, resume it and send the failed deliveries again:\n\n${link}\n`;
  const html = `<p>Hello ${escapeHtml(name)},</p><p>Every delivery to your webhook endpoint <b>${escapeHtml(url)}</b> has failed for 24 hours, so it is paused: it receives no new events. Its delivery log shows why. Once the receiver works again, resume it and send the failed deliveries again.</p><p><a href="${escapeHtml(link)}">Open webhooks</a></p>`;
  return { to, subject, text, html };
}
