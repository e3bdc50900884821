import type { Principal } from './principal.js';
import type { Scope } from './scope.js';

/** Where a call came from: recorded with audit events and sessions. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Who acts, inside which subtree, from where: what every service takes instead of a request, so a
 * script, a job or a test can call a service the way a route does.
 */
export interface Actor {
  principal: Principal;
  scope: Scope;
  client: ClientInfo;
}

/** The client of work that no request started (start-up recovery, scripts, jobs). */
export const SYSTEM_CLIENT: ClientInfo = Object.freeze({ ip: null, userAgent: null, requestId: null });
