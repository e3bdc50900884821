import type { Request } from 'express';
import type { ClientInfo } from '../tenancy/actor.js';

/** Where a request came from, as services record it (audit events, sessions), without Express. */
export function clientOf(req: Request): ClientInfo {
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}
