import { RESELLER_SUSPENDED_SIGN_IN, STOREFRONT_SUSPENDED_SIGN_IN } from '@app/shared';
import { Customer } from '../customers/customer.model.js';
import { Reseller } from '../resellers/reseller.model.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';

interface Account {
  state: string;
  role: string;
  resellerId?: unknown;
  customerId?: unknown;
}

export const COMPANY_INACTIVE = 'Your company’s storefront account is inactive. Please contact your reseller.';

/** Why an account may not hold a session now, in words for its owner; null when it may. */
export type Standing = null | { reason: 'account' | 'company_inactive' | 'reseller_suspended'; message: string };

/** What an account's standing depends on besides the account itself. */
export interface StandingFacts {
  reseller: { status?: string; name?: string } | null;
  customer: { active?: boolean } | null;
}

/**
 * Looks up the reseller an account works for or buys from and, for a storefront account, its
 * company; by ids, so that it can run beside the account's own lookup (sessions.ts).
 */
export async function standingFacts(ids: { resellerId?: unknown; customerId?: unknown }): Promise<StandingFacts> {
  const [reseller, customer] = await Promise.all([
    ids.resellerId ? unsafeUnscoped(Reseller.findById(ids.resellerId, { status: 1, name: 1 }), 'auth: the reseller behind an account').lean() : null,
    ids.customerId ? unsafeUnscoped(Customer.findById(ids.customerId, { active: 1 }), 'auth: the company of a storefront account').lean() : null,
  ]);
  return { reseller, customer };
}

/** The ids standingFacts needs for an account: none for a distributor, the company only for a storefront user. */
export function standingIdsOf(account: Pick<Account, 'role' | 'resellerId' | 'customerId'>): { resellerId?: unknown; customerId?: unknown } {
  if (account.role === 'distributor' || !account.resellerId) return {};
  return { resellerId: account.resellerId, ...(account.role === 'storefront' ? { customerId: account.customerId } : {}) };
}

/**
 * Whether an account may hold a session now: it is active; a storefront user's company is active
 * (rule 8: an inactive customer's users cannot sign in or order); and the reseller it works for or
 * buys from is not suspended by its distributor (rule 8). Nothing is deleted: making the customer
 * active or reinstating the reseller lets them back in. Checked at sign-in and on every request, so
 * such a change ends the sessions at their next request. `facts` must be standingFacts of
 * standingIdsOf(account).
 */
export function standingOf(account: Account, facts: StandingFacts): Standing {
  if (account.state !== 'active') return { reason: 'account', message: inactiveAccountMessage(account, facts) };
  if (account.role === 'distributor' || !account.resellerId) return null;
  if (!facts.reseller || facts.reseller.status === 'suspended') {
    return { reason: 'reseller_suspended', message: account.role === 'storefront' ? STOREFRONT_SUSPENDED_SIGN_IN : RESELLER_SUSPENDED_SIGN_IN };
  }
  if (account.role === 'storefront' && facts.customer?.active !== true) return { reason: 'company_inactive', message: COMPANY_INACTIVE };
  return null;
}

/**
 * Only a reseller deactivates a storefront user (policies/storefront-user.ts), so the buyer is told
 * which company did — never a staff member's name.
 */
function inactiveAccountMessage(account: Account, facts: StandingFacts): string {
  if (account.state === 'deactivated' && account.role === 'storefront' && facts.reseller?.name) {
    return `Your account was deactivated by ${facts.reseller.name}. Please contact them if you need access again.`;
  }
  return account.state === 'deactivated' ? 'Your account has been deactivated.' : 'This account is not active.';
}

export async function accountStanding(account: Account): Promise<Standing> {
  return standingOf(account, await standingFacts(standingIdsOf(account)));
}
