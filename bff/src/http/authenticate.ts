import type { Request, Response } from 'express';
import { resolveSession } from '../auth/sessions.js';
import { verifySessionToken } from '../auth/session-token.js';
import { principalFromAccount, type Principal } from '../tenancy/principal.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

/** Turns the session cookie into a principal, or throws 401. Logout and deactivation end it here. */
export async function authenticate(req: Request, res: Response, deps: AppDeps): Promise<Principal> {
  const secure = deps.config.secureCookies;
  const token = readSessionCookie(req, secure);
  if (!token) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');

  const claims = await verifySessionToken(deps.sessionKey, token);
  const resolved = claims ? await resolveSession(claims) : null;
  if (!claims || !resolved) {
    clearSessionCookie(res, secure);
    throw new AppError(401, 'session_ended', SESSION_ENDED_MESSAGE);
  }
  return principalFromAccount(resolved.user, claims.sessionId);
}
