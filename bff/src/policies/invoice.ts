import { definePolicy } from './policy.js';

/** What the rules about an invoice look at: whether it is an invoice (not a credit note) and what is open on it. */
export interface InvoiceResource {
  kind: string;
  openCents: number;
}

/**
 * Invoices, credit notes and payments: the reseller issues and records them; its distributor
 * oversees (reads); the customer's admins and accounts users (`viewer`) read their own company's.
 * Buyers and approvers never see what the company owes.
 */
export const invoicePolicy = definePolicy<'invoice.list' | 'invoice.read' | 'invoice.export' | 'invoice.credit' | 'payment.record', InvoiceResource>({
  'invoice.list': { roles: ['reseller', 'distributor', 'storefront'], companyRoles: ['admin', 'viewer'] },
  'invoice.read': { roles: ['reseller', 'distributor', 'storefront'], companyRoles: ['admin', 'viewer'] },
  // Invoices.xlsx of a view, and a customer's statement of account: whoever may list them.
  'invoice.export': { roles: ['reseller', 'distributor', 'storefront'], companyRoles: ['admin', 'viewer'] },
  // Only an invoice is credited, and only while something of it is not yet credited or paid.
  'invoice.credit': { roles: ['reseller'], when: (i) => i.kind === 'invoice' && i.openCents > 0 },
  'payment.record': { roles: ['reseller'], when: (i) => i.kind === 'invoice' && i.openCents > 0 },
});
