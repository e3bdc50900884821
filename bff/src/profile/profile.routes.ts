import { changePasswordSchema, passwordChangedSchema, profileFieldsSchema, profileSchema } from '@app/shared';
import type { LoginRateLimiter } from '../auth/login-rate-limit.js';
import { routesNeeding } from '../http/route.js';
import { profilePolicy } from '../policies/profile.js';
import { changePassword, readProfile, updateProfile } from './profile.service.js';

const defineRoute = routesNeeding<{ loginLimiter: LoginRateLimiter }>();

export const profileRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/profile',
    tag: 'profile',
    summary: 'The signed-in person’s own profile: name, email, language and date format',
    access: 'session',
    roles: profilePolicy.roles('profile.read'),
    success: { status: 200, description: 'The profile', schema: profileSchema },
    handler: ({ actor }) => readProfile(actor),
  }),
  defineRoute({
    method: 'put',
    path: '/api/profile',
    tag: 'profile',
    summary: 'Change one’s own name, language and date format (audited before → after)',
    access: 'session',
    roles: profilePolicy.roles('profile.update'),
    body: profileFieldsSchema,
    success: { status: 200, description: 'The profile as saved', schema: profileSchema },
    errors: [400, 409],
    handler: ({ actor, body }) => updateProfile(actor, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/profile/password',
    tag: 'profile',
    summary: 'Change one’s own password with the current one; every other session of the person ends',
    access: 'session',
    roles: profilePolicy.roles('profile.changePassword'),
    body: changePasswordSchema,
    success: { status: 200, description: 'Changed; how many other sessions were signed out', schema: passwordChangedSchema },
    errors: [400, 409, 429],
    handler: ({ actor, body, deps }) => changePassword(actor, body, deps.loginLimiter),
  }),
];
