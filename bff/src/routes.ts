import { authRoutes } from './auth/auth.routes.js';
import { healthRoutes } from './health/health.routes.js';
import type { RouteSpec } from './http/route.js';
import { defineRoute } from './http/route.js';
import { buildOpenApiDocument } from './openapi/openapi.js';
import { overviewRoutes } from './overview/overview.routes.js';

const featureRoutes: RouteSpec[] = [...healthRoutes, ...authRoutes, ...overviewRoutes];

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
