import type { CustomerDetail, CustomerRow } from '@app/shared';
import type { Principal } from '../tenancy/principal.js';
import { customerPolicy } from '../tenancy/policies/customer.js';
import type { CustomerDoc } from './customer.model.js';

type StoredCustomer = CustomerDoc & { _id: { toHexString(): string }; createdAt: Date; updatedAt: Date };

export const fromCents = (cents: number) => Math.round(cents) / 100;

/** Approval that applies: a credit-card reseller forces it on (rule 1), otherwise the customer's flag. */
export function effectiveApproval(customerSetting: boolean, paymentMethod: string) {
  const forcedByPaymentMethod = paymentMethod === 'credit_card';
  return { required: forcedByPaymentMethod || customerSetting, customerSetting, forcedByPaymentMethod };
}

export function presentCustomerRow(c: StoredCustomer, currency: string): CustomerRow {
  return {
    id: c._id.toHexString(),
    companyName: c.companyName,
    phone: c.phone,
    city: c.city,
    email: c.email,
    monthlyRunRate: fromCents(c.monthlyRunRateCents),
    currency,
    storefrontAccess: c.storefrontAccess,
    active: c.active,
    resellerId: String(c.resellerId),
    resellerName: c.resellerName,
  };
}

export function presentCustomerDetail(c: StoredCustomer, paymentMethod: string, currency: string, principal: Principal): CustomerDetail {
  return {
    ...presentCustomerRow(c, currency),
    address: c.address,
    country: c.country,
    state: c.state,
    postcode: c.postcode,
    orderApproval: effectiveApproval(c.orderApprovalRequired, paymentMethod),
    revision: c.revision,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    abilities: { edit: customerPolicy.edit(principal), manage: customerPolicy.manage(principal) },
  };
}
