import type { RequestHandler } from 'express';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { AppError } from '../errors/app-error.js';
import { isAllowedOrigin } from './public-origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Two independent checks on every state-changing request, sign-in included (login CSRF):
 * - a custom header, which a cross-site form cannot send and cross-site fetch cannot send without
 *   a CORS preflight that this server never grants;
 * - Fetch Metadata / Origin, so a browser that says the request came from another site is refused
 *   even if the header were somehow present.
 */
export function csrfProtection(config: Parameters<typeof isAllowedOrigin>[1]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const reject = (why: string) => next(new AppError('csrf_rejected', `Request refused: ${why}.`));

    if (req.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) return reject(`the ${CSRF_HEADER} header is missing`);
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return reject('it came from another site');
    const origin = req.get('origin');
    // Compared with configuration only (PUBLIC_ORIGIN, or loopback in development), never with
    // the Host header, which the client chooses.
    if (origin && !isAllowedOrigin(origin, config)) return reject('it came from another origin');
    next();
  };
}
