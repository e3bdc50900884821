import type { CompanyRole, Role } from '@app/shared';
import { AppError } from '../errors/app-error.js';
import type { Principal } from '../tenancy/principal.js';

/**
 * One rule of a policy: the roles that may ever take the action (what a route admits), and, where
 * the resource's state matters, when they may. The tenancy scope has already decided *which*
 * objects the principal sees; a policy decides what it may do with them.
 */
export interface Rule<R> {
  roles: readonly Role[];
  /**
   * For a storefront user: the roles inside its company that may take the action (all when not
   * given). Like `roles`, a role outside it is 403 whatever the resource's state.
   */
  companyRoles?: readonly CompanyRole[];
  when?: (resource: R, principal: Principal) => boolean;
}

export type Decision = { allowed: true } | { allowed: false; reason: 'role' | 'state' };

export interface Policy<A extends string, R> {
  /** May `principal` take `action` on `resource` (or at all, when the rule needs no resource)? */
  can(principal: Principal, action: A, resource?: R): boolean;
  decide(principal: Principal, action: A, resource?: R): Decision;
  /**
   * Throws unless allowed: 403 when the role may never take the action, else `refusal()` (409
   * as a rule: the object is in a state that does not allow it now).
   */
  authorize(principal: Principal, action: A, resource: R | undefined, refusal: () => AppError): void;
  /** The roles a route for this action admits. */
  roles(action: A): readonly Role[];
  /** Whether the principal's role (and role in its company) may take the action in some state. */
  admits(principal: Principal, action: A): boolean;
  /** `{ edit: true, … }` for each named action: what a presenter sends so the web shows controls. */
  abilities<K extends string>(principal: Principal, resource: R | undefined, names: Record<K, A>): Record<K, boolean>;
}

/** A storefront user's role in its company; accounts from before roles existed could do everything. */
export const companyRoleOf = (principal: Pick<Principal, 'companyRole'>): CompanyRole => principal.companyRole ?? 'admin';

/**
 * Actions that only look (list, read, browse, export, see…, download…, and the delivery figures and
 * logs): all that staff viewing a storefront as a customer's user may do. Every other action names
 * a change, and is refused to them.
 */
const LOOKING = /\.(list|read|browse|export|figures|deliveries|see[A-Z]\w*|read[A-Z]\w*|download\w*)$/;
export const onlyLooks = (action: string): boolean => LOOKING.test(action);

export function definePolicy<A extends string, R>(rules: Record<A, Rule<R>>): Policy<A, R> {
  const admits = (principal: Principal, action: A): boolean => {
    const rule = rules[action];
    if (!rule.roles.includes(principal.role)) return false;
    if (principal.viewedBy && !onlyLooks(action)) return false;
    return principal.role !== 'storefront' || !rule.companyRoles || rule.companyRoles.includes(companyRoleOf(principal));
  };
  const decide = (principal: Principal, action: A, resource?: R): Decision => {
    const rule = rules[action];
    if (!admits(principal, action)) return { allowed: false, reason: 'role' };
    // A state rule asked about without a resource answers for the state it cannot see: no.
    if (rule.when && (resource === undefined || !rule.when(resource, principal))) return { allowed: false, reason: 'state' };
    return { allowed: true };
  };
  return {
    decide,
    can: (principal, action, resource) => decide(principal, action, resource).allowed,
    authorize(principal, action, resource, refusal) {
      const decision = decide(principal, action, resource);
      if (decision.allowed) return;
      throw decision.reason === 'role' ? new AppError('forbidden', 'You are not allowed to do this.') : refusal();
    },
    roles: (action) => rules[action].roles,
    admits,
    abilities(principal, resource, names) {
      const out = {} as Record<string, boolean>;
      for (const [key, action] of Object.entries(names) as [string, A][]) out[key] = decide(principal, action, resource).allowed;
      return out as Record<keyof typeof names & string, boolean>;
    },
  };
}
