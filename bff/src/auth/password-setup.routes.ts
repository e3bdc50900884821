import { forgotPasswordSchema, linkStatusRequestSchema, linkStatusSchema, passwordSetResultSchema, setPasswordWithTokenSchema } from '@app/shared';
import { publicOrigin } from '../http/public-origin.js';
import { routesNeeding } from '../http/route.js';
import type { Config } from '../config.js';
import type { Courier } from '../deliveries/courier.js';
import { linkStatus, queuePasswordReset, setPasswordWithToken, type ResetMailLimiter } from './password-setup.service.js';

const defineRoute = routesNeeding<{ config: Config; courier: Courier; resetMailLimiter: ResetMailLimiter }>();

export const passwordSetupRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/auth/link-status',
    tag: 'auth',
    summary: 'Whether an activation or reset link still works, without using it up',
    access: 'public',
    // POST: the token stays out of URLs and access logs.
    body: linkStatusRequestSchema,
    success: { status: 200, description: 'valid: the link can still set a password', schema: linkStatusSchema },
    handler: ({ body }) => linkStatus(body.purpose, body.token),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/activate',
    tag: 'auth',
    summary: 'Activate an account with the emailed link and choose a password',
    access: 'public',
    body: setPasswordWithTokenSchema,
    success: { status: 200, description: 'Activated; the account can sign in', schema: passwordSetResultSchema },
    handler: ({ client, body }) => setPasswordWithToken(client, 'activation', body.token, body.password),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/reset-password',
    tag: 'auth',
    summary: 'Choose a new password with the emailed reset link (ends every existing session)',
    access: 'public',
    body: setPasswordWithTokenSchema,
    success: { status: 200, description: 'Password changed', schema: passwordSetResultSchema },
    handler: ({ client, body }) => setPasswordWithToken(client, 'reset', body.token, body.password),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/forgot-password',
    tag: 'auth',
    summary: 'Email a password reset link, or a fresh activation link to an account not yet activated; the same answer whether or not the account exists',
    access: 'public',
    body: forgotPasswordSchema,
    success: { status: 202, description: 'If the account exists, a reset or activation link is on its way (at most a few per hour per account and per address)' },
    // Answers before any work that depends on the account: the lookup and the mail run afterwards.
    async handler({ req, body, deps }) {
      queuePasswordReset({
        email: body.email,
        address: req.ip ?? 'unknown',
        courier: deps.courier,
        origin: publicOrigin(req, deps.config),
        limiter: deps.resetMailLimiter,
        log: (err) => req.log?.error({ err }, 'reset email failed'),
      });
      return undefined;
    },
  }),
];
