import type { Request, Response } from 'express';
import { parse } from 'cookie';
import { SESSION_TTL_SECONDS } from './session-token.js';

/**
 * `__Host-` pins the cookie to this exact origin over HTTPS (no Domain, Path=/, Secure); browsers
 * refuse that prefix on plain-HTTP localhost, so development uses a plain name.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

export function readSessionCookie(req: Request, secure: boolean): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parse(header)[sessionCookieName(secure)] ?? null;
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_TTL_SECONDS * 1000,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookieName(secure), { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
