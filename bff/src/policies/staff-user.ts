import type { UserState } from '@app/shared';
import { definePolicy } from './policy.js';

export interface StaffUserResource {
  state: UserState;
}

/**
 * A reseller's staff accounts, as its distributor keeps them: listed on the reseller's page, and a
 * fresh activation link for one still waiting (the welcome email went astray, or its link ran out).
 */
export const staffUserPolicy = definePolicy<'staffUser.list' | 'staffUser.resendActivation', StaffUserResource>({
  'staffUser.list': { roles: ['distributor'] },
  'staffUser.resendActivation': { roles: ['distributor'], when: (u) => u.state === 'pending_activation' },
});
