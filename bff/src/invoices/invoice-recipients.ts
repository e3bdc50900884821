import type { Types } from 'mongoose';
import { User } from '../users/user.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

/**
 * Who receives a customer's invoices: its active storefront users with the accounts role (`viewer`), or its
 * buyers when it has none (and, for companies from before roles, its admins read as buyers).
 */
export async function invoiceRecipients(customer: { distributorId: Types.ObjectId; customerId: Types.ObjectId }) {
  // By the customer's users' index (its tenant key first); a customer has a handful, sifted here.
  const all = await unsafeUnscoped(
    User.find({ distributorId: customer.distributorId, customerId: customer.customerId }, { email: 1, firstName: 1, language: 1, companyRole: 1, distributorId: 1, resellerId: 1, customerId: 1, role: 1, state: 1 }),
    'invoices: a customer’s recipients of invoices',
  ).lean();
  const users = all.filter((u) => u.role === 'storefront' && u.state === 'active');
  const accounts = users.filter((u) => u.companyRole === 'viewer');
  if (accounts.length > 0) return accounts;
  return users.filter((u) => u.companyRole === 'buyer' || u.companyRole === 'admin' || !u.companyRole);
}

/** The language a customer's documents are written in: that of its first recipient, English otherwise. */
export async function languageOfCustomer(customer: { distributorId: Types.ObjectId; customerId: Types.ObjectId }): Promise<string> {
  return (await invoiceRecipients(customer))[0]?.language ?? 'en';
}
