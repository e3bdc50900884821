import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { apiErrorSchema } from '@app/shared';
import type { RouteSpec } from '../http/route.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `fields` names each invalid field',
  401: 'No session, or the session has ended',
  403: 'Signed in, but this role may not do this',
  404: 'Not found, or not yours',
  409: 'The object changed under you, or the action does not fit its current state',
  413: 'The request body is too large',
  421: 'The Host header names another server than this one (PUBLIC_ORIGIN)',
  429: 'Too many attempts; see Retry-After',
  503: 'The database is not available',
};

/** `post /api/customers/:id/storefront-users` → `postCustomersByIdStorefrontUsers`: unique, as method + path are. */
export function operationIdFor(route: Pick<RouteSpec, 'method' | 'path'>): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment && segment !== 'api')
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return route.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The OpenAPI 3.1 document, generated from the same route declarations the app mounts. */
export function buildOpenApiDocument(routes: readonly RouteSpec[]) {
  const registry = new OpenAPIRegistry();
  for (const route of routes) {
    const errors = new Set<number>(route.errors ?? []);
    if (route.body || route.query) errors.add(400);
    if (route.params) errors.add(404);
    if (route.access === 'session') {
      errors.add(401);
      errors.add(403);
    }
    if (route.method !== 'get') errors.add(403); // CSRF refusals
    if (route.body) errors.add(413);
    errors.add(421); // every request naming another host
    errors.add(503);

    const success = route.success;
    const errorResponses = Object.fromEntries(
      [...errors].sort().map((status) => [
        status,
        { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: apiErrorSchema } } },
      ]),
    );
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      operationId: operationIdFor(route),
      summary: route.summary,
      tags: [route.tag],
      // Public operations need no credentials: an explicit empty list says so.
      security: route.access === 'session' ? [{ sessionCookie: [] }] : [],
      request: {
        ...(route.params ? { params: route.params as never } : {}),
        ...(route.query ? { query: route.query as never } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [success.status]: {
          description: success.description,
          ...(success.schema || success.contentType
            ? { content: { [success.contentType ?? 'application/json']: { schema: success.schema ?? {} } } }
            : {}),
        },
        ...errorResponses,
      },
    });
  }
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'session',
    description: 'httpOnly session cookie set by POST /api/auth/login (`__Host-session` in production)',
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    // Relative: the API is served by the origin that serves this document (PUBLIC_ORIGIN).
    servers: [{ url: '/', description: 'The origin that serves this document' }],
    info: {
      title: 'Storefront Admin BFF',
      version: '1.0.0',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      description:
        'Every state-changing request must send the header `x-csrf-protection: 1`. Errors are `{"error":{"code","message","fields"}}`.',
    },
  });
}
