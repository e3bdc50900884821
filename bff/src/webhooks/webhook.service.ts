import { Types } from 'mongoose';
import type { AuditAction, WebhookEndpointInput } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor, recordAudit } from '../audit/audit.service.js';
import { Delivery, type DeliveryDoc } from '../deliveries/delivery.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { webhookEndpointPolicy } from '../policies/webhook-endpoint.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { webhookUrlProblem } from './ssrf-guard.js';
import { WebhookEndpoint, type WebhookEndpointDoc } from './webhook-endpoint.model.js';
import { newWebhookSecret } from './webhook-signature.js';

/** An owner keeps a handful of endpoints (one per system it connects), not hundreds. */
export const MAX_ENDPOINTS = 20;
/** An endpoint's log shows its newest deliveries. */
export const DELIVERY_LOG_LIMIT = 50;

export async function listEndpoints(scope: Scope): Promise<WebhookEndpointDoc[]> {
  return (await scoped(WebhookEndpoint.find({}).sort({ createdAt: -1, _id: -1 }).limit(200), scope).lean()) as WebhookEndpointDoc[];
}

export async function getEndpoint(scope: Scope, id: string): Promise<WebhookEndpointDoc> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The webhook endpoint');
  const found = (await scoped(WebhookEndpoint.findById(id), scope).lean()) as WebhookEndpointDoc | null;
  if (!found) throw notFound('The webhook endpoint');
  return found;
}

/**
 * Registers an endpoint for the caller's own organisation (its reseller, or its distributor): the
 * URL must pass the SSRF guard now (and again at each delivery); the secret is the caller's or a
 * generated one, returned this once.
 */
export async function createEndpoint(actor: Actor, input: WebhookEndpointInput & { description: string }, allowPrivate: boolean): Promise<{ endpoint: WebhookEndpointDoc; secret: string }> {
  const { principal, scope } = actor;
  webhookEndpointPolicy.authorize(principal, 'webhook.create', undefined, forbidden);
  const problem = await webhookUrlProblem(input.url, allowPrivate);
  if (problem) throw validationFailed({ url: problem }, problem);
  const resellerId = principal.role === 'reseller' ? principal.resellerId : null;
  const own = await scoped(WebhookEndpoint.countDocuments({ resellerId }), scope);
  if (own >= MAX_ENDPOINTS) throw conflict(`You have ${MAX_ENDPOINTS} endpoints, the most there may be: delete one you no longer use first.`);
  const secret = input.secret ?? newWebhookSecret();
  const _id = new Types.ObjectId();
  const at = new Date();
  const event = auditEventFor(
    actor,
    { action: 'webhook.created', target: { type: 'webhook', id: _id, label: input.url }, resellerId, customerId: null, changes: { events: { from: null, to: input.events } } },
    at,
  );
  const fields = { _id, distributorId: principal.distributorId, resellerId, url: input.url, description: input.description, events: input.events, secret, state: 'active', createdAt: at, createdByUserId: principal.userId };
  await scopedDoc(new WebhookEndpoint({ ...fields, ...withCreationAudit(event) }), scope).save();
  await settleAudit(actor, WebhookEndpoint, { _id, ...withCreationAudit(event) });
  return { endpoint: await getEndpoint(scope, _id.toHexString()), secret };
}

const STATE_CHANGES = {
  pause: { ability: 'webhook.pause', from: 'active', to: 'paused', action: 'webhook.paused' },
  resume: { ability: 'webhook.resume', from: 'paused', to: 'active', action: 'webhook.resumed' },
} as const satisfies Record<string, { ability: string; from: string; to: string; action: AuditAction }>;

const changed = (state: string) => conflict(`This endpoint is ${state} now: someone changed it meanwhile. Refresh to see it.`, 'conflict', { state });

/**
 * Pauses or resumes an endpoint: one conditional update on the state read, with its audit event
 * (of two people at once, one wins; the other gets 409). A resume starts its failure clock afresh.
 */
export async function changeEndpointState(actor: Actor, id: string, change: keyof typeof STATE_CHANGES): Promise<WebhookEndpointDoc> {
  const rule = STATE_CHANGES[change];
  const found = await getEndpoint(actor.scope, id);
  webhookEndpointPolicy.authorize(actor.principal, rule.ability, found, () => changed(found.state));
  const at = new Date();
  const event = auditEventFor(
    actor,
    { action: rule.action, target: { type: 'webhook', id: found._id, label: found.url }, resellerId: found.resellerId, customerId: null, changes: { state: { from: rule.from, to: rule.to } } },
    at,
  );
  const set = change === 'pause' ? { state: 'paused', pausedAt: at, pausedReason: `Paused by ${actor.principal.displayName}` } : { state: 'active', pausedAt: null, pausedReason: null, failingSince: null };
  const updated = (await scoped(
    WebhookEndpoint.findOneAndUpdate({ _id: found._id, state: rule.from }, { $set: set, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean()) as WebhookEndpointDoc | null;
  if (!updated) throw changed((await getEndpoint(actor.scope, id)).state);
  await settleAudit(actor, WebhookEndpoint, updated as never);
  return updated;
}

/**
 * Deletes an endpoint: it gets no new events, and its waiting deliveries fail at their next attempt
 * (the courier finds no endpoint). Its calls stay in the queue's records for their retention. Of
 * two deletes at once, one deletes and is audited; the other finds nothing (404).
 */
export async function deleteEndpoint(actor: Actor, id: string): Promise<void> {
  const found = await getEndpoint(actor.scope, id);
  webhookEndpointPolicy.authorize(actor.principal, 'webhook.delete', found, forbidden);
  const gone = await scoped(WebhookEndpoint.deleteOne({ _id: found._id }), actor.scope);
  if (gone.deletedCount !== 1) throw notFound('The webhook endpoint');
  // The document (and so its outbox) is gone: the event is written on its own.
  await recordAudit(actor, { action: 'webhook.deleted', target: { type: 'webhook', id: found._id, label: found.url }, resellerId: found.resellerId, customerId: null });
}

/** The endpoint's newest deliveries with each attempt: its log. */
export async function endpointDeliveries(scope: Scope, id: string): Promise<DeliveryDoc[]> {
  const endpoint = await getEndpoint(scope, id);
  return (await scoped(Delivery.find({ 'webhook.endpointId': endpoint._id }).sort({ createdAt: -1, _id: -1 }).limit(DELIVERY_LOG_LIMIT), scope).lean()) as DeliveryDoc[];
}

/** The names of the resellers owning these endpoints (a distributor's list names whose each one is). */
export async function resellerNamesOf(scope: Scope, endpoints: readonly WebhookEndpointDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(endpoints.flatMap((e) => (e.resellerId ? [e.resellerId.toHexString()] : [])))].map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return new Map();
  const resellers = await scoped(Reseller.find({ _id: { $in: ids } }, { name: 1 }), scope).lean();
  return new Map(resellers.map((r) => [r._id.toHexString(), r.name as string]));
}
