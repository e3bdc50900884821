import os from 'node:os';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
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

  it('is lint clean under Redocly’s recommended rules (what `redocly lint` checks)', async () => {
    const { body } = await request(buildTestApp()).get('/api/openapi.json');
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(body, null, 2), absoluteRef: path.join(os.tmpdir(), 'openapi.json'), config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`)).toEqual([]);
  });

  it('names every operation, marks public ones as needing no credentials, and names the server', async () => {
    const { body } = await request(buildTestApp()).get('/api/openapi.json');
    const ids = new Set<string>();
    for (const route of allRoutes) {
      const op = body.paths[route.path.replace(/:(\w+)/g, '{$1}')][route.method];
      expect(op.operationId, `${route.method} ${route.path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
      ids.add(op.operationId);
      expect(op.security, `${route.method} ${route.path}`).toEqual(route.access === 'public' ? [] : [{ sessionCookie: [] }]);
    }
    expect(ids.size).toBe(allRoutes.length);
    expect(body.paths['/api/customers/{id}/storefront-users'].post.operationId).toBe('postCustomersByIdStorefrontUsers');
    expect(body.servers).toEqual([{ url: '/', description: 'The origin that serves this document' }]);
  });
});
