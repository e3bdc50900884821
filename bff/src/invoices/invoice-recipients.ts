import type { Types } from 'mongoose';
import { User } from '../users/user.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

/**
 * Who receives a customer's invoices: its active storefront users with the accounts role (`viewer`), or its
 * buyers when it has none (and, for companies from before roles, its admins read as buyers).
 */
export async function invoiceRecipients(customerId: Types.ObjectId) {
  const users = await unsafeUnscoped(
    User.find({ role: 'storefront', customerId, state: 'active' }, { email: 1, firstName: 1, language: 1, companyRole: 1, distributorId: 1, resellerId: 1, customerId: 1 }),
    'invoices: a customer’s recipients of invoices',
  ).lean();
  const accounts = users.filter((u) => u.companyRole === 'viewer');
  if (accounts.length > 0) return accounts;
  return users.filter((u) => u.companyRole === 'buyer' || u.companyRole === 'admin' || !u.companyRole);
}

/** The language a customer's documents are written in: that of its first recipient, English otherwise. */
export async function languageOfCustomer(customerId: Types.ObjectId): Promise<string> {
  return (await invoiceRecipients(customerId))[0]?.language ?? 'en';
}
