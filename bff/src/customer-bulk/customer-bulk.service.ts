import type { CustomerBulkAction, CustomerBulkRequest, CustomerBulkResult, CustomerBulkRow } from '@app/shared';
import { getCustomer, sameRule, setApprovalRule, setCustomerActive, storedRuleOf } from '../customers/customer.service.js';
import { AppError, conflict, forbidden } from '../errors/app-error.js';
import { customerPolicy } from '../policies/customer.js';
import { approvalRuleOf } from '../policies/order-approval.js';
import { priceLevelPolicy } from '../policies/price-level.js';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import { categoryLevelsChange } from '../price-levels/customer-price-levels.js';
import { pendingActivationUserIds, resendActivation, type MailContext } from '../storefront-users/storefront-user.service.js';
import type { Actor } from '../tenancy/actor.js';
import { resolveSelection } from './customer-selection.js';

/** One customer's outcome when it was not refused; `detail` says what was done where it needs saying. */
interface Outcome {
  changed: boolean;
  companyName: string;
  detail?: string;
}
type Decide = (id: string) => Promise<Outcome>;

/** How many customers are decided at the same time: a bulk action must not crowd out everyone else's requests. */
const PARALLEL = 4;
/** Reads again after a racing edit (409 stale) this many times before refusing that customer. */
const ATTEMPTS = 3;

/** Whether the principal's role may take the action at all: a role that never may is 403 for the whole request. */
function admitted(actor: Actor, action: CustomerBulkAction): boolean {
  const p = actor.principal;
  if (!customerPolicy.admits(p, 'customer.bulkEdit')) return false;
  switch (action.type) {
    case 'setActive':
      return customerPolicy.admits(p, 'customer.setActive');
    case 'approvalRule':
      return customerPolicy.admits(p, 'customer.setOrderApproval');
    case 'priceLevels':
      return priceLevelPolicy.admits(p, 'priceLevel.assign');
    case 'sendActivation':
      return storefrontUserPolicy.admits(p, 'storefrontUser.resendActivation');
  }
}

/**
 * How one customer is decided, for each action: through the very service function that changes
 * one customer from its record (its checks, its conditional write, its audit event), never a copy.
 */
async function deciderFor(actor: Actor, mail: MailContext, action: CustomerBulkAction): Promise<Decide> {
  const { scope } = actor;
  switch (action.type) {
    case 'setActive':
      return async (id) => {
        const { customer } = await getCustomer(scope, id);
        if (customer.active === action.active) return { changed: false, companyName: customer.companyName };
        // On the revision just read: a change in between is `stale`, and the customer is read again.
        await setCustomerActive(actor, id, action.active, customer.revision);
        return { changed: true, companyName: customer.companyName };
      };
    case 'approvalRule': {
      const wanted = storedRuleOf(action.rule);
      return async (id) => {
        const { customer, changed } = await setApprovalRule(actor, id, action.rule);
        if (!changed && !sameRule(approvalRuleOf(customer), wanted)) throw conflict('Changed by someone else meanwhile.', 'stale');
        return { changed, companyName: customer.companyName };
      };
    }
    case 'priceLevels': {
      // The levels and categories are checked once, before any customer (a bad one is 400 for all).
      const change = await categoryLevelsChange(actor, action.assignments);
      return change;
    }
    case 'sendActivation':
      return async (id) => {
        const { customer } = await getCustomer(scope, id);
        let sent = 0;
        for (const userId of await pendingActivationUserIds(scope, customer._id)) {
          try {
            await resendActivation(actor, mail, userId);
            sent++;
          } catch (err) {
            // Activated or deactivated since it was listed: no longer waiting, nothing to send.
            if (!(err instanceof AppError && err.code === 'conflict')) throw err;
          }
        }
        return sent === 0
          ? { changed: false, companyName: customer.companyName, detail: 'No user waiting for activation' }
          : { changed: true, companyName: customer.companyName, detail: `Activation sent to ${sent} ${sent === 1 ? 'user' : 'users'}` };
      };
  }
}

/** The name of a customer of the caller's, for a refusal's line; null when it is not theirs. */
async function nameOf(actor: Actor, id: string): Promise<string | null> {
  try {
    return (await getCustomer(actor.scope, id)).customer.companyName;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

/**
 * Applies one action to many customers, each decided on its own exactly as one at a time (its
 * checks, its atomic write, one audit event per customer changed), and answers which changed,
 * which were already so, which were refused and why. Another tenant's ids are counted as not
 * found, never named.
 */
export async function applyCustomerBulk(actor: Actor, mail: MailContext, request: CustomerBulkRequest): Promise<CustomerBulkResult> {
  if (!admitted(actor, request.action)) throw forbidden();
  const decide = await deciderFor(actor, mail, request.action);
  const ids = await resolveSelection(actor.scope, request.selection);
  const result: CustomerBulkResult = { changed: [], unchanged: [], refused: [], notFound: 0 };
  const outcomes: ({ kind: 'changed' | 'unchanged' | 'refused'; row: CustomerBulkRow } | null)[] = new Array(ids.length).fill(null);

  const one = async (index: number) => {
    const id = ids[index]!;
    for (let attempt = 1; ; attempt++) {
      try {
        const o = await decide(id);
        outcomes[index] = { kind: o.changed ? 'changed' : 'unchanged', row: { id, companyName: o.companyName, detail: o.detail ?? null } };
        return;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'not_found') {
          result.notFound++;
          return;
        }
        if (err.code === 'stale' && attempt < ATTEMPTS) continue;
        const companyName = await nameOf(actor, id);
        if (companyName === null) {
          result.notFound++;
          return;
        }
        const reason = err.code === 'stale' ? 'It was changed by someone else at the same time; try again.' : err.message;
        outcomes[index] = { kind: 'refused', row: { id, companyName, detail: reason } };
        return;
      }
    }
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, ids.length) }, async () => {
      while (next < ids.length) await one(next++);
    }),
  );
  // In the order of the selection, whatever order the workers finished in.
  for (const o of outcomes) if (o) result[o.kind].push(o.row);
  return result;
}
