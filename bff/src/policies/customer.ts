import type { PaymentMethod } from '@app/shared';
import { approvalForcedBy } from './order-approval.js';
import { definePolicy } from './policy.js';

// The approval rule itself (rule 1 and the customer's own rule) is decided in ./order-approval.ts.
export { approvalForcedBy, effectiveApproval } from './order-approval.js';

/** What the rules about a customer look at; `to`: whether the approval rule asked for is `always`. */
export interface CustomerResource {
  paymentMethod: PaymentMethod | string;
  to?: boolean;
  active?: boolean;
  /** The reseller is suspended by its distributor: its storefront takes no orders (rule 8). */
  resellerSuspended?: boolean;
}

/**
 * Who may do what with customers, once the scope has limited which customers they see.
 * Distributors oversee (read-only); resellers manage their own; storefront users never reach the
 * customer admin.
 */
export const customerPolicy = definePolicy<
  | 'customer.list'
  | 'customer.read'
  | 'customer.export'
  | 'customer.create'
  | 'customer.edit'
  | 'customer.setActive'
  | 'customer.setOrderApproval'
  | 'customer.bulkEdit'
  | 'customer.openWorkspace'
  | 'customer.placeOrder'
  | 'customer.viewAs'
  | 'customer.setCreditTerms',
  CustomerResource
>({
  'customer.list': { roles: ['reseller', 'distributor'] },
  'customer.read': { roles: ['reseller', 'distributor'] },
  'customer.export': { roles: ['reseller', 'distributor'] },
  'customer.create': { roles: ['reseller'] },
  'customer.edit': { roles: ['reseller'] },
  'customer.setActive': { roles: ['reseller'] },
  // Switching approval on is always allowed; off only where the payment method does not force it.
  'customer.setOrderApproval': { roles: ['reseller'], when: (c) => c.to === true || !approvalForcedBy(c.paymentMethod) },
  // Many customers at once: each is still decided by the rule of its action (setActive, setOrderApproval, …).
  'customer.bulkEdit': { roles: ['reseller'] },
  'customer.openWorkspace': { roles: ['reseller'] },
  // Terms, credit limit and VAT rate are the reseller's to agree with its customer.
  'customer.setCreditTerms': { roles: ['reseller'] },
  // Staff order on a customer's behalf; its own users order through the storefront. An inactive
  // customer, or any customer of a suspended reseller, orders nothing (rule 8).
  'customer.placeOrder': { roles: ['reseller', 'storefront'], when: (c) => c.active === true && c.resellerSuspended !== true },
  // Support staff see the storefront as one of the customer's users, read-only; the distributor's
  // staff likewise for their resellers' customers.
  'customer.viewAs': { roles: ['reseller', 'distributor'] },
});
