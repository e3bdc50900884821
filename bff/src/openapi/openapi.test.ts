import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildRoutes } from '../routes.js';
import { buildTestApp, testConfig } from '../test/harness.js';

const allRoutes = buildRoutes(testConfig());

describe('GET /api/openapi.json', () => {
  it('documents every mounted route, generated from the route declarations', async () => {
    const res = await request(buildTestApp()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const documented = Object.values(res.body.paths as Record<string, object>).flatMap((ops) => Object.keys(ops));
    expect(documented).toHaveLength(allRoutes.length);
  });

  it('describes the login body and the error shape from the shared schemas', async () => {
    const { body } = await request(buildTestApp()).get('/api/openapi.json');
    const login = body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
    expect(body.components.schemas.LoginRequest.required).toEqual(['email', 'password']);
    expect(login.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(body.paths['/api/auth/me'].get.security).toEqual([{ sessionCookie: [] }]);
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await request(buildTestApp()).get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such endpoint.' } });
  });
});
