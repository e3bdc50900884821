import { Types } from 'mongoose';
import type { ApprovalRule, CreateCustomer, CustomerFields, UpdateCustomer } from '@app/shared';
import { APPROVAL_FORCED_NOTICE } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { customerPolicy } from '../policies/customer.js';
import { approvalRuleOf, storedApproval, type CustomerApprovalRule } from '../policies/order-approval.js';
import type { Actor } from '../tenancy/actor.js';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor, diff } from '../audit/audit.service.js';
import { conflict, forbidden, notFound, validationFailed } from '../errors/app-error.js';
import { defaultPriceLevelIdOf } from '../resellers/default-price-level.js';
import { Reseller } from '../resellers/reseller.model.js';
import type { Scope } from '../tenancy/scope.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { checkTaxId, realChanges, storedDetails } from './customer-details.js';
import { customerDerivedFields } from './customer-keys.js';
import { customerShare, customerShareDelta } from './customer-figures.js';
import { pushFigureDelta, withFigureDelta } from '../figures/kept-figures.js';
import { Customer } from './customer.model.js';
import { pushDeliveries, queueDeliveries, withDeliveries } from '../deliveries/delivery-outbox.js';
import { customerWebhooks } from '../webhooks/webhook-events.js';

const DUPLICATE_EMAIL = 'Another customer of yours already uses this email.';

/** A customer inside the scope, with its reseller's payment method and status, and the currency; 404 otherwise. */
export async function getCustomer(scope: Scope, id: string) {
  if (!Types.ObjectId.isValid(id)) throw notFound('The customer');
  const customer = await scoped(Customer.findById(id), scope).lean();
  if (!customer) throw notFound('The customer');
  const [reseller, currency] = await Promise.all([
    scoped(Reseller.findById(customer.resellerId, { paymentMethod: 1, name: 1, status: 1 }), scope).lean(),
    currencyOf(scope),
  ]);
  if (!reseller) throw notFound('The customer');
  return { customer, paymentMethod: reseller.paymentMethod, resellerSuspended: reseller.status === 'suspended', currency };
}

export async function createCustomer(actor: Actor, input: CreateCustomer) {
  const { scope, principal } = actor;
  customerPolicy.authorize(principal, 'customer.create', undefined, forbidden);
  checkTaxId(input.taxId, input.countryCode);
  const reseller = await scoped(Reseller.findById(principal.resellerId, { name: 1 }), scope).lean();
  if (!reseller) throw notFound('Your reseller account');
  const _id = new Types.ObjectId();
  const event = auditEventFor(actor, {
    action: 'customer.created',
    target: { type: 'customer', id: _id, label: input.companyName },
    resellerId: reseller._id,
    customerId: _id,
    customerName: input.companyName,
  });
  const hooks = await customerWebhooks({ _id, distributorId: principal.distributorId, resellerId: reseller._id, active: true, orderApprovalRequired: false, ...input }, 'customer.created');
  const doc = scopedDoc(
    new Customer({
      _id,
      ...withCreationAudit(event),
      ...withDeliveries(hooks),
      // Its share of the reseller's and distributor's figures, added by its follow-up.
      ...withFigureDelta(customerShare({ active: true, monthlyRunRateCents: 0 })),
      ...input,
      ...storedDetails(input),
      ...customerDerivedFields({ ...input, ...storedDetails(input) }),
      distributorId: principal.distributorId,
      resellerId: reseller._id,
      resellerName: reseller.name,
      priceLevels: [],
      priceLevelIds: [defaultPriceLevelIdOf(reseller._id)],
    }),
    scope,
  );
  try {
    await doc.save();
  } catch (err) {
    if (isDuplicateKey(err)) throw validationFailed({ email: DUPLICATE_EMAIL }, DUPLICATE_EMAIL);
    throw err;
  }
  await settleAudit(actor, Customer, { _id, ...withCreationAudit(event) });
  await queueDeliveries(Customer, { _id, pendingDeliveries: hooks });
  return getCustomer(scope, doc.id as string);
}

/** Applies an edit made on `revision`; a newer stored revision means someone else saved first (409). */
export async function updateCustomer(actor: Actor, id: string, input: UpdateCustomer) {
  const { scope } = actor;
  customerPolicy.authorize(actor.principal, 'customer.edit', undefined, forbidden);
  const { customer: before } = await getCustomer(scope, id);
  const { revision, ...sent } = input;
  checkTaxId(sent.taxId, sent.countryCode ?? before.countryCode);
  const fields = { ...sent, ...storedDetails(sent) };
  const event = auditEventFor(actor, {
    action: 'customer.updated',
    target: { type: 'customer', id: before._id, label: fields.companyName },
    resellerId: before.resellerId,
    customerId: before._id,
    customerName: fields.companyName,
    changes: realChanges(diff(before as unknown as CustomerFields, fields as CustomerFields)),
  });
  const hooks = await customerWebhooks({ ...before, ...fields }, 'customer.changed');
  let updated;
  try {
    updated = await scoped(
      Customer.findOneAndUpdate(
        { _id: before._id, revision },
        { $set: { ...fields, ...customerDerivedFields(fields) }, $inc: { revision: 1 }, $push: { ...pushAudit(event).$push, ...pushDeliveries(hooks) } },
        { returnDocument: 'after' },
      ),
      scope,
    ).lean();
  } catch (err) {
    if (isDuplicateKey(err)) throw validationFailed({ email: DUPLICATE_EMAIL }, DUPLICATE_EMAIL);
    throw err;
  }
  if (!updated) throw staleEdit();
  await settleAudit(actor, Customer, updated);
  await queueDeliveries(Customer, updated);
  return getCustomer(scope, id);
}

export async function setCustomerActive(actor: Actor, id: string, active: boolean, revision: number) {
  const { scope } = actor;
  customerPolicy.authorize(actor.principal, 'customer.setActive', undefined, forbidden);
  const { customer } = await getCustomer(scope, id);
  const changed = customer.active !== active;
  const event = auditEventFor(actor, {
    action: active ? 'customer.activated' : 'customer.deactivated',
    target: { type: 'customer', id: customer._id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { active: { from: customer.active, to: active } },
  });
  const hooks = changed ? await customerWebhooks({ ...customer, active }, 'customer.changed') : [];
  const updated = await scoped(
    Customer.findOneAndUpdate(
      // Conditional on the value read too: the figures' delta is from that value.
      { _id: customer._id, revision, active: customer.active },
      {
        $set: { active },
        $inc: { revision: 1 },
        ...(changed ? { $push: { ...pushAudit(event).$push, ...pushFigureDelta(customerShareDelta(customer, { ...customer, active })), ...pushDeliveries(hooks) } } : {}),
      },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) throw staleEdit();
  await settleAudit(actor, Customer, updated);
  await queueDeliveries(Customer, updated);
  return getCustomer(scope, id);
}

/** The old switch: on is the rule `always`, off `never`. */
export const setOrderApproval = (actor: Actor, id: string, required: boolean) =>
  setApprovalRule(actor, id, { mode: required ? 'always' : 'never', aboveAmount: null });

export const sameRule = (a: CustomerApprovalRule, b: CustomerApprovalRule) => a.mode === b.mode && a.aboveCents === b.aboveCents;

/**
 * Sets when the customer's orders wait for approval (rule 1 and the customer's own rule).
 * Anything but `always` is refused while the reseller pays by credit card, whatever the browser
 * shows; the check reads the payment method now, so a change by the distributor applies at once.
 */
export async function setApprovalRule(actor: Actor, id: string, input: ApprovalRule) {
  const { scope } = actor;
  const { customer, paymentMethod } = await getCustomer(scope, id);
  customerPolicy.authorize(actor.principal, 'customer.setOrderApproval', { paymentMethod, to: input.mode === 'always' }, () => conflict(APPROVAL_FORCED_NOTICE));
  const before = approvalRuleOf(customer);
  const after = storedRuleOf(input);
  let changed = false;
  if (!sameRule(before, after)) {
    const event = auditEventFor(actor, {
      action: 'customer.order_approval_changed',
      target: { type: 'customer', id: customer._id, label: customer.companyName },
      resellerId: customer.resellerId,
      customerId: customer._id,
      customerName: customer.companyName,
      changes: {
        approvalRule: { from: ruleWords(before), to: ruleWords(after) },
        ...(before.mode !== 'never') !== (after.mode !== 'never') ? { orderApprovalRequired: { from: before.mode !== 'never', to: after.mode !== 'never' } } : {},
      },
    });
    const hooks = await customerWebhooks({ ...customer, ...storedApproval(after) }, 'customer.changed');
    // Conditional on the rule read, so two racing changes record one change each, never a no-op.
    const updated = await scoped(
      Customer.findOneAndUpdate(
        { _id: customer._id, orderApprovalRequired: customer.orderApprovalRequired, ...ruleAsRead(customer.approvalRule) },
        { $set: storedApproval(after), $inc: { revision: 1 }, $push: { ...pushAudit(event).$push, ...pushDeliveries(hooks) } },
        { returnDocument: 'after' },
      ),
      scope,
    ).lean();
    if (updated) {
      changed = true;
      await settleAudit(actor, Customer, updated);
      await queueDeliveries(Customer, updated);
    }
  }
  // `changed`: this call made the change (false when the rule was already so, or a racing change won).
  return { ...(await getCustomer(scope, id)), changed };
}

/** A rule as asked for, as it is stored (money in cents). */
export const storedRuleOf = (input: ApprovalRule): CustomerApprovalRule => ({
  mode: input.mode,
  aboveCents: input.mode === 'above' && input.aboveAmount !== null ? Math.round(input.aboveAmount * 100) : null,
});

/** A filter matching the stored rule as read (field by field: embedded-document equality depends on key order). */
const ruleAsRead = (r: { mode?: string | null; aboveCents?: number | null } | null | undefined): Record<string, unknown> =>
  r?.mode ? { 'approvalRule.mode': r.mode, 'approvalRule.aboveCents': r.aboveCents ?? null } : { 'approvalRule.mode': { $exists: false } };

/** A rule as the audit log shows it: "always", "never", "above 1000.00". */
const ruleWords = (r: CustomerApprovalRule) => (r.mode === 'above' ? `above ${((r.aboveCents ?? 0) / 100).toFixed(2)}` : r.mode);

function staleEdit() {
  return conflict('This customer was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
}
