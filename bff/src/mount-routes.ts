import { Router, type Request, type Response } from 'express';
import { authenticate } from './auth/authenticate.js';
import type { AppDeps } from './deps.js';
import { forbidden, notFound } from './errors/app-error.js';
import { clientOf } from './http/client-info.js';
import type { RouteSpec } from './http/route.js';
import { parseOrThrow } from './http/validate.js';
import { scopeFor } from './tenancy/scope.js';

const VIEWING_AS_READ_ONLY = 'You are looking at this storefront as one of the customer’s users: nothing can be changed from here.';

/** Mounts declared routes: authenticate, check the role, validate input, run, send. */
export function mountRoutes(routes: readonly RouteSpec<AppDeps>[], deps: AppDeps): Router {
  const router = Router();
  const checkResponses = deps.config.NODE_ENV !== 'production';

  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const principal = route.access === 'session' ? await authenticate(req, res, deps) : null;
      // Staff looking as a customer's user change nothing: said first, as it is the reason whatever the role.
      if (principal?.viewedBy && route.method !== 'get' && route.whileViewingAs !== 'allowed') throw forbidden(VIEWING_AS_READ_ONLY);
      if (route.access === 'session' && !route.roles.includes(principal!.role)) throw forbidden();

      // A malformed id cannot name anything the caller may see: same answer as "not yours".
      const params = route.params ? safeParams(route, req.params) : req.params;
      const query = route.query ? parseOrThrow(route.query, req.query, 'query') : undefined;
      const body = route.body ? parseOrThrow(route.body, req.body ?? {}, 'request body') : undefined;

      const client = clientOf(req);
      const base = { req, res, params, query, body, deps, client };
      let result: unknown;
      if (route.access === 'session') {
        const actor = { principal: principal!, scope: scopeFor(principal!), client };
        result = await route.handler({ ...base, ...actor, actor });
      } else {
        result = await route.handler({ ...base, principal: null });
      }

      if (res.headersSent) return;
      if (result === undefined) {
        res.status(route.success.status).end();
        return;
      }
      if (checkResponses && route.success.schema) {
        const check = route.success.schema.safeParse(result);
        if (!check.success) throw new Error(`${route.method.toUpperCase()} ${route.path} answered off-schema: ${check.error.message}`);
      }
      res.status(route.success.status).json(result);
    });
  }
  return router;
}

function safeParams(route: RouteSpec<AppDeps>, raw: unknown) {
  const parsed = route.params!.safeParse(raw);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
