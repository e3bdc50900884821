import type { Request } from 'express';
import type { Config } from '../config.js';

/** Where links in emails point: PUBLIC_ORIGIN behind a proxy, else the origin the request came to. */
export function publicOrigin(req: Request, config: Config): string {
  return config.PUBLIC_ORIGIN ?? `${req.protocol}://${req.get('host')}`;
}
