import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './db/embedded-ferretdb.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

describe.skipIf(!inject('ferretDbBinary'))('the BFF process', () => {
  it('starts the embedded database with demo data, serves health and sign-in, and stops everything on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-server-'));
    dirs.push(dataDir);
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts')], {
      cwd: path.join(import.meta.dirname, '..'),
      env: { ...process.env, MONGODB_URI: undefined, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', FERRETDB_BIN: inject('ferretDbBinary') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 45_000;
    let health = 0;
    while (Date.now() < deadline && health !== 200) {
      health = await fetch(`${base}/api/health`).then((r) => r.status, () => 0);
      if (health !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health, output).toBe(200);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
      body: JSON.stringify({ email: 'reseller.cash@demo.example', password: 'Demo-Password-1' }),
    });
    expect(login.status).toBe(200);
    expect(output).not.toContain('Demo-Password-1');

    const dbPort = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(dbPort).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(dbPort)).toBe(false);
  }, 90_000);
});
