import { Types } from 'mongoose';
import { PAYMENT_METHOD_LABEL, type AuditAction, type PaymentMethod, type ResellerStatus, type UpdateReseller } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor, diff, type AuditEventRecord } from '../audit/audit.service.js';
import { endSessionsOfReseller } from '../auth/sessions.js';
import { currencyOf } from '../distributors/currency.js';
import { conflict, forbidden, notFound } from '../errors/app-error.js';
import { resellerPolicy } from '../policies/reseller.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Actor } from '../tenancy/actor.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { resellerDerivedFields } from './reseller-keys.js';
import { withFigures, type StoredReseller } from './reseller-list.js';

/** A reseller inside the scope (a key lookup); 404 otherwise. */
async function findReseller(scope: Scope, id: string): Promise<StoredReseller> {
  if (!Types.ObjectId.isValid(id)) throw notFound('The reseller');
  const reseller = await scoped(Reseller.findById(id), scope).lean<StoredReseller>();
  if (!reseller) throw notFound('The reseller');
  return reseller;
}

/** A reseller inside the scope with its figures and the distributor's currency; 404 otherwise. */
export async function getReseller(scope: Scope, id: string) {
  const [reseller, currency] = await Promise.all([findReseller(scope, id), currencyOf(scope)]);
  const [withIt] = await withFigures(scope, [reseller]);
  return { reseller: withIt!, currency };
}

const staleEdit = () => conflict('This reseller was changed by someone else since you opened it. Reload to see the latest version.', 'stale');

/**
 * One conditional write: `$set` applies only while the stored document still matches `expected`
 * (its revision, or its status), the revision moves on, and the audit event travels in the same
 * write. On FerretDB the data layer serialises it per document, so of many racing callers exactly
 * one wins; the others find nothing and get `refusal` (409).
 */
async function writeIf(actor: Actor, before: StoredReseller, expected: Record<string, unknown>, set: Record<string, unknown>, event: AuditEventRecord, refusal: () => Error) {
  const updated = await scoped(
    Reseller.findOneAndUpdate({ _id: before._id, ...expected }, { $set: set, $inc: { revision: 1 }, ...pushAudit(event) }, { returnDocument: 'after' }),
    actor.scope,
  ).lean<StoredReseller>();
  if (!updated) throw refusal();
  await settleAudit(actor, Reseller, updated);
  return updated;
}

const eventFor = (actor: Actor, r: StoredReseller, action: AuditAction, changes: Record<string, { from: unknown; to: unknown }>) =>
  auditEventFor(actor, { action, target: { type: 'reseller', id: r._id }, resellerId: r._id, customerId: null, changes });

/** Applies an edit of the details and default markup made on `revision`; a newer stored revision is 409. */
export async function updateReseller(actor: Actor, id: string, input: UpdateReseller) {
  resellerPolicy.authorize(actor.principal, 'reseller.edit', undefined, forbidden);
  const reseller = await findReseller(actor.scope, id);
  const { revision, ...fields } = input;
  const event = eventFor(actor, reseller, 'reseller.updated', diff(reseller as unknown as UpdateReseller, fields));
  await writeIf(actor, reseller, { revision }, { ...fields, ...resellerDerivedFields(fields) }, event, staleEdit);
  return getReseller(actor.scope, id);
}

/**
 * Sets the payment method. Nothing is copied to the customers: rule 1 is decided from the
 * reseller's payment method wherever approval matters (policies/customer.ts), so the change
 * applies to every customer at once, and no crash can leave some customers behind.
 */
export async function setPaymentMethod(actor: Actor, id: string, paymentMethod: PaymentMethod, revision: number) {
  resellerPolicy.authorize(actor.principal, 'reseller.setPaymentMethod', undefined, forbidden);
  const reseller = await findReseller(actor.scope, id);
  const stale = () =>
    conflict(`This reseller was changed by someone else (its payment method is now ${PAYMENT_METHOD_LABEL[reseller.paymentMethod as PaymentMethod]}). Reload and try again.`, 'stale');
  // A stale revision is refused whatever it asks for; on the current one, asking for the method it
  // has already changes nothing and records nothing.
  if (reseller.paymentMethod === paymentMethod) {
    if (reseller.revision !== revision) throw stale();
    return getReseller(actor.scope, id);
  }
  const event = eventFor(actor, reseller, 'reseller.payment_method_changed', { paymentMethod: { from: reseller.paymentMethod, to: paymentMethod } });
  await writeIf(actor, reseller, { revision }, { paymentMethod }, event, stale);
  return getReseller(actor.scope, id);
}

const STANDING = {
  suspend: { ability: 'reseller.suspend', from: 'active', to: 'suspended', action: 'reseller.suspended' },
  reinstate: { ability: 'reseller.reinstate', from: 'suspended', to: 'active', action: 'reseller.reinstated' },
} as const;

/**
 * Suspends or reinstates: one write conditional on the status read (of racing callers one wins,
 * the others get 409). Suspension takes effect at every request of the reseller's staff and
 * storefront users (auth/account-standing.ts); their open sessions are also ended. Nothing of
 * theirs is touched, so reinstating restores everything as it was.
 */
export async function setResellerStanding(actor: Actor, id: string, change: keyof typeof STANDING) {
  const rule = STANDING[change];
  const reseller = await findReseller(actor.scope, id);
  const status = (reseller.status ?? 'active') as ResellerStatus;
  const refusal = () => conflict(`This reseller is ${status === 'suspended' ? 'suspended' : 'active'} already; refresh to see it.`);
  resellerPolicy.authorize(actor.principal, rule.ability, { status }, refusal);
  const event = eventFor(actor, reseller, rule.action, { status: { from: status, to: rule.to } });
  await writeIf(actor, reseller, { status: rule.from }, { status: rule.to }, event, refusal);
  if (rule.to === 'suspended') await endSessionsOfReseller(reseller);
  return getReseller(actor.scope, id);
}
