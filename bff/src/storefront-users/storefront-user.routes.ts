import {
  createStorefrontUserSchema,
  idParamsSchema,
  setCompanyRoleSchema,
  storefrontUserActionResultSchema,
  storefrontUserListQuerySchema,
  storefrontUserListSchema,
} from '@app/shared';
import { mailContextOf, type MailDeps } from '../auth/link-mail.js';
import { routesNeeding } from '../http/route.js';
import { storefrontUserPolicy } from '../policies/storefront-user.js';
import type { Actor } from '../tenancy/actor.js';
import type { Principal } from '../tenancy/principal.js';
import { presentStorefrontUser } from './storefront-user.presenter.js';
import {
  activateStorefrontUser,
  addStorefrontUser,
  deactivateStorefrontUser,
  listStorefrontUsers,
  resendActivation,
  sendPasswordReset,
  setCompanyRole,
  type MailContext,
} from './storefront-user.service.js';

const defineRoute = routesNeeding<MailDeps>();

type ActionResult = { user: Parameters<typeof presentStorefrontUser>[0]; emailSent: boolean };
const present = (r: ActionResult, principal: Principal) => ({ user: presentStorefrontUser(r.user, principal), emailSent: r.emailSent });

/** The four row actions share a shape: POST on one user, answer the user as it is now. */
const action = (
  path: string,
  ability: Parameters<typeof storefrontUserPolicy.roles>[0],
  summary: string,
  run: (actor: Actor, mail: MailContext, id: string) => Promise<ActionResult>,
) =>
  defineRoute({
    method: 'post',
    path: `/api/storefront-users/:id/${path}`,
    tag: 'storefront-users',
    summary,
    access: 'session',
    roles: storefrontUserPolicy.roles(ability),
    params: idParamsSchema,
    success: { status: 200, description: 'The user after the action', schema: storefrontUserActionResultSchema },
    errors: [409],
    async handler({ actor, req, params, deps }) {
      return present(await run(actor, mailContextOf(req, deps), params.id), actor.principal);
    },
  });

export const storefrontUserRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/storefront-users',
    tag: 'storefront-users',
    summary: "The customer's storefront users (at most 500, with the total), with an optional search over name and email",
    access: 'session',
    roles: storefrontUserPolicy.roles('storefrontUser.list'),
    params: idParamsSchema,
    query: storefrontUserListQuerySchema,
    success: { status: 200, description: 'Storefront users', schema: storefrontUserListSchema },
    async handler({ actor, principal, params, query }) {
      const { items, total } = await listStorefrontUsers(actor, params.id, query.search);
      return { items: items.map((u) => presentStorefrontUser(u, principal)), total };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers/:id/storefront-users',
    tag: 'storefront-users',
    summary: 'Add a storefront user (pending activation) and send the welcome email with an activation link',
    access: 'session',
    roles: storefrontUserPolicy.roles('storefrontUser.add'),
    params: idParamsSchema,
    body: createStorefrontUserSchema,
    success: { status: 201, description: 'The new user', schema: storefrontUserActionResultSchema },
    async handler({ actor, req, params, body, deps }) {
      return present(await addStorefrontUser(actor, mailContextOf(req, deps), params.id, body), actor.principal);
    },
  }),
  action('resend-activation', 'storefrontUser.resendActivation', 'Send a new activation link (pending users only; the previous link stops working)', resendActivation),
  action('reset-password', 'storefrontUser.resetPassword', 'Send a password reset link (active users only)', sendPasswordReset),
  action('deactivate', 'storefrontUser.deactivate', 'Deactivate the user and end their sessions at once', (actor, _mail, id) => deactivateStorefrontUser(actor, id)),
  defineRoute({
    method: 'put',
    path: '/api/storefront-users/:id/company-role',
    tag: 'storefront-users',
    summary: "Set the user's role in its company and its spending limits (the reseller's staff, or the company's admin for its other users)",
    access: 'session',
    roles: storefrontUserPolicy.roles('storefrontUser.setCompanyRole'),
    params: idParamsSchema,
    body: setCompanyRoleSchema,
    success: { status: 200, description: 'The user after the change', schema: storefrontUserActionResultSchema },
    errors: [409],
    async handler({ actor, params, body }) {
      return present(await setCompanyRole(actor, params.id, body), actor.principal);
    },
  }),
  action('activate', 'storefrontUser.activate', 'Activate a deactivated user (back to pending if they never set a password)', (actor, _mail, id) => activateStorefrontUser(actor, id)),
];
