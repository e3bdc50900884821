import type { Types } from 'mongoose';
import type { CreditStanding } from '../policies/order-approval.js';

type CreditOf = (customer: { _id: Types.ObjectId; distributorId: Types.ObjectId; resellerId: Types.ObjectId }, now: Date) => Promise<CreditStanding | undefined>;

let creditOf: CreditOf = () => Promise.resolve(undefined);

/**
 * Where a customer stands on its invoices, asked when an order is placed. The invoices feature
 * answers it (registered by the composition root, change-follow-ups.ts): orders do not import it.
 */
export const askCreditWith = (fn: CreditOf): void => {
  creditOf = fn;
};

export const creditStandingOf: CreditOf = (customer, now) => creditOf(customer, now);
