import { z } from 'zod';
import { idParamsSchema, ssoLinkRequestSchema, ssoLinkSchema } from '@app/shared';
import { routesNeeding } from '../http/route.js';
import { customerPolicy } from '../policies/customer.js';
import type { SsoKeys } from './sso-keys.js';
import { issueSsoLink } from './sso.service.js';

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'JsonWebKeySet' });

const defineRoute = routesNeeding<{ ssoKeys: SsoKeys }>();

export const ssoRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/customers/:id/sso-links',
    tag: 'customers',
    summary: "A signed, 60-second, single-use link into the distributor's workspace at this customer",
    access: 'session',
    roles: customerPolicy.roles('customer.openWorkspace'),
    params: idParamsSchema,
    body: ssoLinkRequestSchema,
    success: { status: 201, description: 'The link to open', schema: ssoLinkSchema },
    handler: ({ actor, params, body, deps }) => issueSsoLink(actor, deps.ssoKeys, params.id, body.target),
  }),
  defineRoute({
    method: 'get',
    path: '/.well-known/jwks.json',
    tag: 'sso',
    summary: 'The public keys that verify SSO tokens',
    access: 'public',
    success: { status: 200, description: 'JSON Web Key Set', schema: jwksSchema },
    async handler({ res, deps }) {
      res.setHeader('Cache-Control', 'public, max-age=300');
      return { keys: [deps.ssoKeys.publicJwk] };
    },
  }),
];
