import type { Request } from 'express';
import {
  createStorefrontUserSchema,
  idParamsSchema,
  storefrontUserActionResultSchema,
  storefrontUserListQuerySchema,
  storefrontUserListSchema,
} from '@app/shared';
import type { AppDeps } from '../http/deps.js';
import { publicOrigin } from '../http/public-origin.js';
import { defineRoute } from '../http/route.js';
import { CUSTOMER_EDITORS, CUSTOMER_READERS } from '../tenancy/policies/customer.js';
import { presentStorefrontUser } from './storefront-user.presenter.js';
import {
  activateStorefrontUser,
  addStorefrontUser,
  deactivateStorefrontUser,
  listStorefrontUsers,
  resendActivation,
  sendPasswordReset,
  type MailContext,
} from './storefront-user.service.js';

const mailContext = (req: Request, deps: AppDeps): MailContext => ({
  mailer: deps.mailer,
  origin: publicOrigin(req, deps.config),
  log: (err, msg) => req.log?.error({ err }, msg),
});

const present = (r: { user: Parameters<typeof presentStorefrontUser>[0]; emailSent: boolean }) => ({
  user: presentStorefrontUser(r.user),
  emailSent: r.emailSent,
});

type Actor = Parameters<typeof deactivateStorefrontUser>[0];
type ActionResult = { user: Parameters<typeof presentStorefrontUser>[0]; emailSent: boolean };

/** The four row actions share a shape: POST on one user, answer the user as it is now. */
const action = (path: string, summary: string, run: (actor: Actor, mail: MailContext, id: string) => Promise<ActionResult>) =>
  defineRoute({
    method: 'post',
    path: `/api/storefront-users/:id/${path}`,
    tag: 'storefront-users',
    summary,
    access: 'session',
    roles: CUSTOMER_EDITORS,
    params: idParamsSchema,
    success: { status: 200, description: 'The user after the action', schema: storefrontUserActionResultSchema },
    errors: [409],
    async handler({ principal, scope, req, params, deps }) {
      return present(await run({ principal, scope, req }, mailContext(req, deps), params.id));
    },
  });

export const storefrontUserRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/customers/:id/storefront-users',
    tag: 'storefront-users',
    summary: "The customer's storefront users, with an optional search over name and email",
    access: 'session',
    roles: CUSTOMER_READERS,
    params: idParamsSchema,
    query: storefrontUserListQuerySchema,
    success: { status: 200, description: 'Storefront users', schema: storefrontUserListSchema },
    async handler({ scope, params, query }) {
      const users = await listStorefrontUsers(scope, params.id, query.search);
      return { items: users.map(presentStorefrontUser), total: users.length };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/customers/:id/storefront-users',
    tag: 'storefront-users',
    summary: 'Add a storefront user (pending activation) and send the welcome email with an activation link',
    access: 'session',
    roles: CUSTOMER_EDITORS,
    params: idParamsSchema,
    body: createStorefrontUserSchema,
    success: { status: 201, description: 'The new user', schema: storefrontUserActionResultSchema },
    async handler({ principal, scope, req, params, body, deps }) {
      return present(await addStorefrontUser({ principal, scope, req }, mailContext(req, deps), params.id, body));
    },
  }),
  action('resend-activation', 'Send a new activation link (pending users only; the previous link stops working)', resendActivation),
  action('reset-password', 'Send a password reset link (active users only)', sendPasswordReset),
  action('deactivate', 'Deactivate the user and end their sessions at once', (actor, _mail, id) => deactivateStorefrontUser(actor, id)),
  action('activate', 'Activate a deactivated user (back to pending if they never set a password)', (actor, _mail, id) => activateStorefrontUser(actor, id)),
];
