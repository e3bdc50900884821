import { Customer } from '../customers/customer.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

interface Account {
  state: string;
  role: string;
  customerId?: unknown;
}

/**
 * Whether an account may hold a session now: it is active, and a storefront user's company is
 * active too (rule 8: an inactive customer's users cannot sign in or order; nothing is deleted, and
 * making the customer active again lets them back in). Checked at sign-in and on every request, so
 * making a customer inactive ends its users' sessions at their next request.
 */
export async function mayHoldSession(account: Account): Promise<boolean> {
  if (account.state !== 'active') return false;
  if (account.role !== 'storefront') return true;
  const customer = await unsafeUnscoped(Customer.findById(account.customerId, { active: 1 }), 'auth: the company of a storefront account').lean();
  return customer?.active === true;
}
