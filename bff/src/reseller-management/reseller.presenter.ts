import type { ResellerDetail, ResellerRow, ResellerStatus } from '@app/shared';
import { fromCents } from '../customers/customer.presenter.js';
import { approvalForcedBy } from '../policies/customer.js';
import { resellerPolicy } from '../policies/reseller.js';
import type { Principal } from '../tenancy/principal.js';
import type { ResellerWithFigures } from './reseller-list.js';

export function presentResellerRow(r: ResellerWithFigures, currency: string): ResellerRow {
  const f = r.figures;
  return {
    id: r._id.toHexString(),
    name: r.name,
    contactName: r.contactName ?? '',
    contactEmail: r.contactEmail,
    phone: r.phone ?? '',
    paymentMethod: r.paymentMethod,
    status: (r.status ?? 'active') as ResellerStatus,
    figures: {
      customers: f.customers,
      monthlyRunRate: fromCents(f.monthlyRunRateCents),
      currency,
      ordersPendingApproval: f.ordersPendingApproval,
      ordersInProgress: f.ordersInProgress,
      oldestPendingOrderAt: f.oldestPendingOrderAt?.toISOString() ?? null,
    },
  };
}

export function presentResellerDetail(r: ResellerWithFigures, currency: string, principal: Principal): ResellerDetail {
  const row = presentResellerRow(r, currency);
  return {
    ...row,
    city: r.city ?? '',
    country: r.country ?? '',
    markupPercent: r.markupPercent,
    approvalRequiredForAll: approvalForcedBy(r.paymentMethod),
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    abilities: resellerPolicy.abilities(principal, { status: row.status }, {
      edit: 'reseller.edit',
      setPaymentMethod: 'reseller.setPaymentMethod',
      suspend: 'reseller.suspend',
      reinstate: 'reseller.reinstate',
    }),
  };
}
