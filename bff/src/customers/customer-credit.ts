import { PAYMENT_TERMS_LABEL, type CreditTerms, type SetCreditTerms } from '@app/shared';
import { pushAudit, settleAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { conflict, forbidden } from '../errors/app-error.js';
import { customerPolicy } from '../policies/customer.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { creditTermsOf } from './credit-terms.js';
import { Customer } from './customer.model.js';
import { getCustomer } from './customer.service.js';

const money = (cents: number | null) => (cents === null ? 'no limit' : (cents / 100).toFixed(2));
const rate = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')} %`;

/** The audit's words for what changed: only the parts that did. */
function termChanges(before: CreditTerms, after: CreditTerms) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (before.paymentTerms !== after.paymentTerms) changes.paymentTerms = { from: PAYMENT_TERMS_LABEL[before.paymentTerms], to: PAYMENT_TERMS_LABEL[after.paymentTerms] };
  if (before.creditLimitCents !== after.creditLimitCents) changes.creditLimit = { from: money(before.creditLimitCents), to: money(after.creditLimitCents) };
  if (before.vatRateBp !== after.vatRateBp) changes.vatRate = { from: rate(before.vatRateBp), to: rate(after.vatRateBp) };
  return changes;
}

/**
 * Sets the customer's payment terms, credit limit and VAT rate (reseller staff). Conditional on
 * the revision the edit was made on, so of two racing edits one lands and the other is 409; the
 * audit event travels in the same write. Issued invoices keep the terms they were issued on.
 */
export async function setCreditTerms(actor: Actor, id: string, input: SetCreditTerms) {
  const { scope, principal } = actor;
  customerPolicy.authorize(principal, 'customer.setCreditTerms', undefined, () => forbidden());
  const { customer } = await getCustomer(scope, id);
  const before = creditTermsOf(customer);
  const after: CreditTerms = { paymentTerms: input.paymentTerms, creditLimitCents: input.creditLimitCents, vatRateBp: input.vatRateBp };
  if (customer.revision !== input.revision) throw stale();
  const changes = termChanges(before, after);
  if (Object.keys(changes).length === 0) return getCustomer(scope, id);
  const event = auditEventFor(actor, {
    action: 'customer.credit_terms_changed',
    target: { type: 'customer', id: customer._id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes,
  });
  const updated = await scoped(
    Customer.findOneAndUpdate(
      { _id: customer._id, revision: input.revision },
      // The headroom (limit − balance) moves by the limit's change: an `$inc`, so a balance delta
      // added meanwhile (which moves it too) is never overwritten.
      {
        $set: { creditTerms: after, creditLimited: after.creditLimitCents !== null },
        $inc: { revision: 1, creditHeadroomCents: (after.creditLimitCents ?? 0) - (before.creditLimitCents ?? 0) },
        ...pushAudit(event),
      },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) throw stale();
  await settleAudit(actor, Customer, updated);
  return getCustomer(scope, id);
}

const stale = () => conflict('This customer was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
