import type { UserState } from '@app/shared';
import { definePolicy } from './policy.js';

export interface StorefrontUserResource {
  state: UserState;
  /** Whether the user ever set a password (decides where activation leads). */
  hasPassword?: boolean;
  /** The user's id: a company's admin may not change its own role (and lock the company out). */
  id?: string;
}

/** Who may do what with a customer's storefront users, and in which state of the user. */
export const storefrontUserPolicy = definePolicy<
  | 'storefrontUser.list'
  | 'storefrontUser.add'
  | 'storefrontUser.resendActivation'
  | 'storefrontUser.resetPassword'
  | 'storefrontUser.deactivate'
  | 'storefrontUser.activate'
  | 'storefrontUser.setCompanyRole',
  StorefrontUserResource
>({
  // A company's admin manages its own company's users (its scope is the company).
  'storefrontUser.list': { roles: ['reseller', 'distributor', 'storefront'], companyRoles: ['admin'] },
  'storefrontUser.add': { roles: ['reseller'] },
  'storefrontUser.resendActivation': { roles: ['reseller'], when: (u) => u.state === 'pending_activation' },
  'storefrontUser.resetPassword': { roles: ['reseller'], when: (u) => u.state === 'active' },
  'storefrontUser.deactivate': { roles: ['reseller'], when: (u) => u.state === 'pending_activation' || u.state === 'active' },
  'storefrontUser.activate': { roles: ['reseller'], when: (u) => u.state === 'deactivated' },
  'storefrontUser.setCompanyRole': {
    roles: ['reseller', 'storefront'],
    companyRoles: ['admin'],
    when: (u, p) => p.role !== 'storefront' || u.id !== String(p.userId),
  },
});
