import { authRoutes } from './auth/auth.routes.js';
import { customerRoutes } from './customers/customer.routes.js';
import { healthRoutes } from './health/health.routes.js';
import type { RouteSpec } from './http/route.js';
import { defineRoute } from './http/route.js';
import { buildOpenApiDocument } from './openapi/openapi.js';
import { overviewRoutes } from './overview/overview.routes.js';
import { resellerRoutes } from './resellers/reseller.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';

const featureRoutes: RouteSpec[] = [
  ...healthRoutes,
  ...authRoutes,
  ...overviewRoutes,
  ...resellerRoutes,
  ...customerRoutes,
  ...ssoRoutes,
];

const openApiRoute = defineRoute({
  method: 'get',
  path: '/api/openapi.json',
  tag: 'operations',
  summary: 'This document',
  access: 'public',
  success: { status: 200, description: 'OpenAPI 3.1 document', contentType: 'application/json' },
  handler: async ({ res }) => {
    res.json(buildOpenApiDocument(allRoutes));
  },
});

/** Every route of the BFF; the tenancy matrix test walks this list. */
export const allRoutes: readonly RouteSpec[] = [...featureRoutes, openApiRoute];
