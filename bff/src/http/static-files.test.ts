import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, staticFiles } from './static-files.js';

const SCRIPT = 'console.log("a script long enough to be worth compressing");'.repeat(40);
let dist = '';
let app: express.Express;
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'static-files-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), SCRIPT);
  await writeFile(path.join(dist, 'assets', 'app-abc123.js.br'), brotliCompressSync(SCRIPT));
  await writeFile(path.join(dist, 'assets', 'app-abc123.js.gz'), gzipSync(SCRIPT));
  await writeFile(path.join(dist, 'assets', 'logo-def456.png'), 'png');
  await writeFile(path.join(dist, 'robots.txt'), 'User-agent: *');
  app = express();
  app.use(staticFiles(dist));
});
afterAll(() => rm(dist, { recursive: true, force: true }));

const raw = (url: string, acceptEncoding?: string) => {
  const req = request(app).get(url);
  return acceptEncoding === undefined ? req : req.set('Accept-Encoding', acceptEncoding);
};

describe('the built web app’s files', () => {
  it('sends the brotli copy when accepted, else the gzip copy, else the file, each with its own type and Vary', async () => {
    const cases = [
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const;
    for (const [accept, encoding] of cases) {
      const res = await raw('/assets/app-abc123.js', accept);
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^text\/javascript/);
      expect(res.headers['vary']).toBe('Accept-Encoding');
      // What crossed the wire (supertest itself unzips the body).
      expect(Number(res.headers['content-length'])).toBe(encoding === 'br' ? brotliCompressSync(SCRIPT).length : encoding === 'gzip' ? gzipSync(SCRIPT).length : SCRIPT.length);
    }
  });

  it('caches hashed assets for a year as immutable, and has other files revalidated', async () => {
    expect((await raw('/assets/app-abc123.js', 'br')).headers['cache-control']).toBe(IMMUTABLE);
    expect((await raw('/assets/logo-def456.png')).headers['cache-control']).toBe(IMMUTABLE);
    expect((await raw('/assets/logo-def456.png')).headers['vary']).toBeUndefined();
    expect((await raw('/robots.txt')).headers['cache-control']).toBe('no-cache');
  });

  it('never leaves the build folder', async () => {
    expect((await raw('/../package.json')).status).toBe(404);
    expect((await raw('/assets/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
