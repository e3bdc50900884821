import { once } from 'node:events';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { XLSX_CONTENT_TYPE } from '@app/shared';
import { createApp } from '../app.js';
import { createLoginRateLimiter } from '../auth/login-rate-limit.js';
import { createResetMailLimiter } from '../auth/password-setup.service.js';
import { createLogger } from '../logger.js';
import { createMailCourier } from '../deliveries/courier.js';
import { createMailer } from '../mail/mailer.js';
import { TEST_SESSION_KEY, TEST_SSO_KEYS, testConfig } from '../test/harness.js';
import { compressAnswers } from './compress-answers.js';

// No database: the OpenAPI document (~100 KB of JSON) and the 404 answer need none.
const config = testConfig();
const app = createApp({
  config,
  logger: createLogger('silent'),
  sessionKey: TEST_SESSION_KEY,
  loginLimiter: createLoginRateLimiter(),
  resetMailLimiter: createResetMailLimiter(),
  ssoKeys: TEST_SSO_KEYS,
  courier: createMailCourier(createMailer(config, createLogger('silent')), config, createLogger('silent')),
});
/** The answer's bytes as sent (supertest would decompress them). */
async function sent(server: express.Express, path: string, acceptEncoding: string) {
  const listening = server.listen(0, '127.0.0.1');
  await once(listening, 'listening');
  try {
    const { port } = listening.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } }, resolve).on('error', reject));
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    listening.close();
  }
}

describe('API answers compressed', () => {
  it('sends JSON over 1 KB as brotli or gzip, as the browser accepts, and the same JSON', async () => {
    const plain = await request(app).get('/api/openapi.json').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await sent(app, '/api/openapi.json', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(plain.body);
    expect(br.body.length).toBeLessThan(JSON.stringify(plain.body).length / 4);
    const gzip = await sent(app, '/api/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(plain.body);
  });

  it('leaves a small answer as it is', async () => {
    const res = await request(app).get('/api/no-such-thing').set('Accept-Encoding', 'gzip, br');
    expect(res.status).toBe(404);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses a workbook: it is a zip already and streams as it is written', async () => {
    const streamed = express();
    streamed.use(compressAnswers());
    streamed.get('/export.xlsx', (_req, res) => {
      res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024, i));
      res.end();
    });
    const res = await sent(streamed, '/export.xlsx', 'gzip, br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBe(64 * 16 * 1024);
  });
});
