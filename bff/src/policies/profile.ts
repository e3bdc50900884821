import { ROLES } from '@app/shared';
import { definePolicy } from './policy.js';

/**
 * Everyone who signs in keeps their own profile: name, language, date format and password. The
 * email is their sign-in name and stays with whoever manages their account.
 */
export const profilePolicy = definePolicy<'profile.read' | 'profile.update' | 'profile.changePassword', undefined>({
  'profile.read': { roles: ROLES },
  'profile.update': { roles: ROLES },
  'profile.changePassword': { roles: ROLES },
});
