import { Types } from 'mongoose';
import type { CreateCustomer, CustomerFields, UpdateCustomer } from '@app/shared';
import { APPROVAL_FORCED_NOTICE } from '@app/shared';
import { currencyOf } from '../distributors/currency.js';
import { isDuplicateKey } from '../lib/mongo-errors.js';
import { customerPolicy } from '../policies/customer.js';
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
  const doc = scopedDoc(
    new Customer({
      _id,
      ...withCreationAudit(event),
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
  let updated;
  try {
    updated = await scoped(
      Customer.findOneAndUpdate(
        { _id: before._id, revision },
        { $set: { ...fields, ...customerDerivedFields(fields) }, $inc: { revision: 1 }, ...pushAudit(event) },
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
  const updated = await scoped(
    Customer.findOneAndUpdate(
      // Conditional on the value read too: the figures' delta is from that value.
      { _id: customer._id, revision, active: customer.active },
      {
        $set: { active },
        $inc: { revision: 1 },
        ...(changed ? { $push: { ...pushAudit(event).$push, ...pushFigureDelta(customerShareDelta(customer, { ...customer, active })) } } : {}),
      },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) throw staleEdit();
  await settleAudit(actor, Customer, updated);
  return getCustomer(scope, id);
}

/**
 * Sets the customer's own approval flag (rule 1). Switching it off is refused while the reseller
 * pays by credit card, whatever the browser shows; the check reads the payment method now, so a
 * change by the distributor applies at once.
 */
export async function setOrderApproval(actor: Actor, id: string, required: boolean) {
  const { scope } = actor;
  const { customer, paymentMethod } = await getCustomer(scope, id);
  customerPolicy.authorize(actor.principal, 'customer.setOrderApproval', { paymentMethod, to: required }, () => conflict(APPROVAL_FORCED_NOTICE));
  if (customer.orderApprovalRequired !== required) {
    const event = auditEventFor(actor, {
      action: 'customer.order_approval_changed',
      target: { type: 'customer', id: customer._id, label: customer.companyName },
      resellerId: customer.resellerId,
      customerId: customer._id,
      customerName: customer.companyName,
      changes: { orderApprovalRequired: { from: customer.orderApprovalRequired, to: required } },
    });
    // Conditional on the value read, so two racing switches record one change each, never a no-op.
    const updated = await scoped(
      Customer.findOneAndUpdate(
        { _id: customer._id, orderApprovalRequired: customer.orderApprovalRequired },
        { $set: { orderApprovalRequired: required }, $inc: { revision: 1 }, ...pushAudit(event) },
        { returnDocument: 'after' },
      ),
      scope,
    ).lean();
    if (updated) await settleAudit(actor, Customer, updated);
  }
  return getCustomer(scope, id);
}

function staleEdit() {
  return conflict('This customer was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
}
