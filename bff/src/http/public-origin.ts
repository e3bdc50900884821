import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../errors/app-error.js';

type OriginConfig = Pick<Config, 'PUBLIC_ORIGIN' | 'PORT' | 'NODE_ENV' | 'isProduction'>;

/**
 * Where links in emails point: PUBLIC_ORIGIN (development default http://localhost:PORT), never
 * the request's Host header, which the client chooses. The request stays in the signature for
 * the callers; it is not read.
 */
export function publicOrigin(_req: Request, config: Config): string {
  return config.PUBLIC_ORIGIN;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `host[:port]` as a URL would write it for this scheme (lower case, default port dropped), or null. */
function normalizeHost(host: string, protocol: string): URL | null {
  if (!host || /[/?#@\\\s]/.test(host)) return null;
  try {
    return new URL(`${protocol}//${host}`);
  } catch {
    return null;
  }
}

/**
 * Whether this server answers for `host` (a Host header, `name[:port]`): the public origin's host;
 * outside production also localhost, 127.0.0.1 and [::1] on the configured port (any port in tests,
 * where supertest picks one). A DNS-rebinding page names its own host and is refused.
 */
export function isAllowedHost(host: string | undefined, config: OriginConfig): boolean {
  const publicUrl = new URL(config.PUBLIC_ORIGIN);
  const url = normalizeHost(host ?? '', publicUrl.protocol);
  if (!url) return false;
  return url.host === publicUrl.host || isLocalDevelopment(url, config);
}

/** Outside production: loopback on the configured port (any port in tests). */
function isLocalDevelopment(url: URL, config: OriginConfig): boolean {
  if (config.isProduction || !LOOPBACK_NAMES.has(url.hostname)) return false;
  if (config.NODE_ENV === 'test') return true;
  return (url.port || (url.protocol === 'https:' ? '443' : '80')) === String(config.PORT);
}

/** Whether a browser's Origin header names this app: PUBLIC_ORIGIN, or outside production an allowed loopback origin. */
export function isAllowedOrigin(origin: string, config: OriginConfig): boolean {
  if (origin === config.PUBLIC_ORIGIN) return true;
  if (config.isProduction) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.origin === origin && url.protocol === 'http:' && isLocalDevelopment(url, config);
}

/**
 * Refuses (421) a request whose Host is not one this server answers for. Closes DNS rebinding
 * against a local copy, and keeps forged hosts out of anything built from the request. The
 * health probe is exempt: load balancers call it by address, and it tells nothing.
 */
export function hostCheck(config: OriginConfig): RequestHandler {
  return (req, _res, next) => {
    if (req.path === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) return next();
    // Express reads X-Forwarded-Host instead of Host only when TRUST_PROXY trusts the proxy.
    if (isAllowedHost(req.host, config)) return next();
    next(new AppError('misdirected_request', 'This server does not answer for that host name.'));
  };
}
