import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../db/connect.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded-database.js';
import { buildTestApp } from '../test/harness.js';

// This file runs its own embedded database so that it can stop and restart it.
let dir: string;
let db: EmbeddedDatabase;
const app = buildTestApp();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'storefront-health-'));
  db = await startEmbeddedDatabase({ binary: inject('ferretDbBinary'), dataDir: dir, ephemeral: true });
  await connectDatabase(db.uri);
});

afterAll(async () => {
  await mongoose.disconnect();
  await db.stop();
  await rm(dir, { recursive: true, force: true });
});

async function waitForStatus(status: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await request(app).get('/api/health')).status;
    if (last === status) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

describe.skipIf(!inject('ferretDbBinary'))('GET /api/health follows the database without a restart of the BFF', () => {
  it('is 200 while the database answers', async () => {
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is 503 while the database is down, and 200 again once it is back', async () => {
    await db.stop();
    expect(await waitForStatus(503)).toBe(503);
    const down = await request(app).get('/api/health');
    expect(down.body.error.code).toBe('database_unavailable');

    db = await startEmbeddedDatabase({ binary: inject('ferretDbBinary'), dataDir: dir, port: db.port, ephemeral: true });
    expect(await waitForStatus(200)).toBe(200);
  });
});
