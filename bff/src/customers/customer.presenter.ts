import type { CustomerDetail, CustomerRow } from '@app/shared';
import { customerPolicy, effectiveApproval } from '../policies/customer.js';
import { customerNotePolicy } from '../policies/customer-note.js';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import type { Principal } from '../tenancy/principal.js';
import { figuresOf } from '../figures/kept-figures.js';
import { creditTermsOf } from './credit-terms.js';
import type { CustomerDoc } from './customer.model.js';

type StoredCustomer = CustomerDoc & { _id: { toHexString(): string }; createdAt: Date; updatedAt: Date };

const shownAddress = (a: CustomerDoc['billingAddress']) =>
  a ? { address: a.address, city: a.city, state: a.state ?? '', postcode: a.postcode, countryCode: a.countryCode, country: a.country } : null;

export const fromCents = (cents: number) => Math.round(cents) / 100;

/** The kept credit fields as the grid shows them: balance, overdue since (only when past, at `now`), over limit. */
export function creditColumns(c: Pick<CustomerDoc, 'oldestDueAt' | 'creditLimited' | 'creditHeadroomCents'>, now = new Date()) {
  const oldest = c.oldestDueAt ?? null;
  return {
    balanceCents: figuresOf(c).balanceCents,
    overdueSince: oldest && oldest < now ? oldest.toISOString() : null,
    overLimit: c.creditLimited === true && (c.creditHeadroomCents ?? 0) < 0,
  };
}

export function presentCustomerRow(c: StoredCustomer, currency: string, principal: Principal): CustomerRow {
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
    watchNote: c.watchNote?.text ?? null,
    ...creditColumns(c),
    abilities: { openWorkspace: customerPolicy.can(principal, 'customer.openWorkspace') },
  };
}

export function presentCustomerDetail(c: StoredCustomer, paymentMethod: string, currency: string, principal: Principal, resellerSuspended = false): CustomerDetail {
  const { abilities: _rowAbilities, ...row } = presentCustomerRow(c, currency, principal);
  return {
    ...row,
    address: c.address,
    country: c.country,
    state: c.state,
    postcode: c.postcode,
    orderApproval: effectiveApproval(c, paymentMethod),
    watchNote: c.watchNote ? { text: c.watchNote.text, byName: c.watchNote.byName, at: c.watchNote.at.toISOString() } : null,
    tradingName: c.tradingName ?? '',
    taxId: c.taxId ?? '',
    countryCode: c.countryCode ?? null,
    billingAddress: shownAddress(c.billingAddress),
    deliveryAddress: shownAddress(c.deliveryAddress),
    creditTerms: creditTermsOf(c),
    revision: c.revision,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    abilities: {
      ...customerPolicy.abilities(principal, { paymentMethod, active: c.active, resellerSuspended }, {
        edit: 'customer.edit',
        setActive: 'customer.setActive',
        setOrderApproval: 'customer.setOrderApproval',
        openWorkspace: 'customer.openWorkspace',
        placeOrder: 'customer.placeOrder',
        viewAs: 'customer.viewAs',
        setCreditTerms: 'customer.setCreditTerms',
      }),
      addStorefrontUser: storefrontUserPolicy.can(principal, 'storefrontUser.add'),
      setWatchNote: customerNotePolicy.can(principal, 'watchNote.set'),
    },
  };
}
