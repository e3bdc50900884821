import type { Types } from 'mongoose';
import { DEFAULT_OVERDUE_APPROVAL_DAYS } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { creditTermsOf } from '../customers/credit-terms.js';
import { figuresOf } from '../figures/kept-figures.js';
import type { CreditStanding } from '../policies/order-approval.js';
import { Reseller } from '../resellers/reseller.model.js';
import { systemScope } from '../tenancy/scope.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';

const DAY_MS = 86_400_000;

/**
 * A customer's credit standing now: its kept balance and limit, and how many days its oldest open
 * invoice is past due (the index on customer, open amount and due date: one row read).
 */
export async function creditStanding(c: { _id: Types.ObjectId; distributorId: Types.ObjectId; resellerId: Types.ObjectId }, now: Date): Promise<CreditStanding> {
  const scope = systemScope({ distributorId: c.distributorId, resellerId: c.resellerId, customerId: c._id });
  const [customer, reseller, oldest] = await Promise.all([
    scoped(Customer.findById(c._id, { creditTerms: 1, keptFigures: 1 }), scope).lean(),
    scoped(Reseller.findById(c.resellerId, { overdueApprovalDays: 1 }), scope).lean(),
    scoped(Invoice.findOne({ customerId: c._id, kind: 'invoice', openCents: { $gt: 0 }, dueAt: { $lt: now } }, { dueAt: 1 }).sort({ dueAt: 1 }), scope).lean(),
  ]);
  return {
    balanceCents: figuresOf(customer).balanceCents,
    limitCents: creditTermsOf(customer ?? {}).creditLimitCents,
    overdueDays: oldest?.dueAt ? Math.floor((now.getTime() - oldest.dueAt.getTime()) / DAY_MS) : 0,
    overdueAfterDays: (reseller as { overdueApprovalDays?: number } | null)?.overdueApprovalDays ?? DEFAULT_OVERDUE_APPROVAL_DAYS,
  };
}
