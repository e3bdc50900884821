import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import { principalFromAccount, type Principal } from '../tenancy/principal.js';
import { AppError } from '../errors/app-error.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';
import { verifySessionToken } from './session-token.js';
import { resolveSession } from './sessions.js';
import { endViewAs, viewedPrincipal } from './view-as-session.js';
import { clientOf } from '../http/client-info.js';

/** What checking a session needs: the signing key and whether cookies are Secure. */
export interface SessionDeps {
  config: Pick<Config, 'secureCookies'>;
  sessionKey: Uint8Array;
}

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please sign in again.';

/** Turns the session cookie into a principal, or throws 401. Logout and deactivation end it here. */
export async function authenticate(req: Request, res: Response, deps: SessionDeps): Promise<Principal> {
  const secure = deps.config.secureCookies;
  const token = readSessionCookie(req, secure);
  if (!token) throw new AppError('unauthenticated', 'Sign in to continue.');

  const claims = await verifySessionToken(deps.sessionKey, token);
  const resolved = claims ? await resolveSession(claims) : { why: null };
  if (!claims || 'why' in resolved) {
    clearSessionCookie(res, secure);
    // The account's owner is told why when it is the account that may no longer sign in.
    throw 'why' in resolved && resolved.why ? new AppError('account_unavailable', resolved.why) : new AppError('session_ended', SESSION_ENDED_MESSAGE);
  }
  const own = principalFromAccount(resolved.user, claims.sessionId);
  const mark = resolved.session.viewAs;
  if (!mark) return own;
  // Staff looking at a storefront as a customer's user: that user, read-only, while the look lasts.
  const viewed = mark.expiresAt > new Date() ? await viewedPrincipal(own, mark) : null;
  if (viewed) return viewed;
  await endViewAs(own, claims.sessionId, mark, clientOf(req));
  return own;
}
