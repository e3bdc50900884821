import { loginRequestSchema, principalSchema, ROLES, sessionStateSchema, type ErrorCode } from '@app/shared';
import { routesNeeding } from '../http/route.js';
import { authenticate, type SessionDeps } from './authenticate.js';
import { login } from './auth.service.js';
import type { LoginRateLimiter } from './login-rate-limit.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { presentMe } from './me.presenter.js';
import { signSessionToken } from './session-token.js';
import { claimsOf, endSession } from './sessions.js';
import { endViewAs } from './view-as-session.js';
import { AppError } from '../errors/app-error.js';
import { principalFromAccount } from '../tenancy/principal.js';

/** Answers that mean "nobody is signed in with this cookie" rather than a failure. */
const SIGNED_OUT = new Set<ErrorCode>(['unauthenticated', 'session_ended', 'account_unavailable']);

const defineRoute = routesNeeding<SessionDeps & { loginLimiter: LoginRateLimiter }>();

export const authRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in with email and password; sets the session cookie',
    access: 'public',
    body: loginRequestSchema,
    success: { status: 200, description: 'Signed in', schema: principalSchema },
    errors: [401, 403, 429],
    async handler({ res, body, deps, client }) {
      const { user, sessionId } = await login(body, client, deps.loginLimiter);
      const token = await signSessionToken(deps.sessionKey, claimsOf(user, sessionId));
      setSessionCookie(res, token, deps.config.secureCookies);
      return presentMe(principalFromAccount(user, sessionId));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'End the current session',
    access: 'public',
    success: { status: 204, description: 'Signed out; the cookie no longer works' },
    async handler({ req, res, deps, client }) {
      // Logging out twice, or with an already-ended session, is not an error.
      const principal = await authenticate(req, res, deps).catch((err: unknown) => {
        if (err instanceof AppError && SIGNED_OUT.has(err.code)) return null;
        throw err;
      });
      if (principal?.viewedBy) {
        const { staff, startedAt, expiresAt } = principal.viewedBy;
        await endViewAs(staff, staff.sessionId, { userId: principal.userId, customerId: principal.customerId!, startedAt, expiresAt }, client);
      }
      if (principal) await endSession(principal.sessionId);
      clearSessionCookie(res, deps.config.secureCookies);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/session',
    tag: 'auth',
    summary: 'Who is signed in, if anyone: always 200 (the web asks on every page, signed out too)',
    access: 'public',
    success: { status: 200, description: 'The principal, or null with whether a session was ended', schema: sessionStateSchema },
    async handler({ req, res, deps }) {
      try {
        return { principal: await presentMe(await authenticate(req, res, deps)), ended: false, why: null };
      } catch (err) {
        if (err instanceof AppError && SIGNED_OUT.has(err.code)) {
          return { principal: null, ended: err.code !== 'unauthenticated', why: err.code === 'account_unavailable' ? err.message : null };
        }
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'The signed-in principal: role, display name, tenant ids and names',
    access: 'session',
    roles: ROLES,
    success: { status: 200, description: 'The principal', schema: principalSchema },
    handler: ({ principal }) => presentMe(principal),
  }),
];
