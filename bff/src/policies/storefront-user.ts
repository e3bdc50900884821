import type { UserState } from '@app/shared';
import { definePolicy } from './policy.js';

export interface StorefrontUserResource {
  state: UserState;
  /** Whether the user ever set a password (decides where activation leads). */
  hasPassword?: boolean;
}

/** Who may do what with a customer's storefront users, and in which state of the user. */
export const storefrontUserPolicy = definePolicy<
  | 'storefrontUser.list'
  | 'storefrontUser.add'
  | 'storefrontUser.resendActivation'
  | 'storefrontUser.resetPassword'
  | 'storefrontUser.deactivate'
  | 'storefrontUser.activate',
  StorefrontUserResource
>({
  'storefrontUser.list': { roles: ['reseller', 'distributor'] },
  'storefrontUser.add': { roles: ['reseller'] },
  'storefrontUser.resendActivation': { roles: ['reseller'], when: (u) => u.state === 'pending_activation' },
  'storefrontUser.resetPassword': { roles: ['reseller'], when: (u) => u.state === 'active' },
  'storefrontUser.deactivate': { roles: ['reseller'], when: (u) => u.state === 'pending_activation' || u.state === 'active' },
  'storefrontUser.activate': { roles: ['reseller'], when: (u) => u.state === 'deactivated' },
});
