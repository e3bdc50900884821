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

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** A request written over a raw socket in two halves: headers and half the body now, the rest on `finish()`. */
function halfSentRequest(port: number, requestLine: string, cookie: string, body: string) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const half = Math.floor(body.length / 2);
  const headersSent = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      const head = [`${requestLine} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'x-csrf-protection: 1', `Cookie: ${cookie}`, 'Connection: close'];
      socket.write(`${head.join('\r\n')}\r\n\r\n${body.slice(0, half)}`, () => setTimeout(resolve, 300));
    }),
  );
  return {
    headersSent,
    async finish() {
      socket.write(body.slice(half));
      await closed;
      return answer;
    },
  };
}

describe.skipIf(!inject('ferretDbBinary'))('the BFF process', () => {
  it('starts the embedded database with demo data, serves health and sign-in; on SIGTERM refuses new connections, finishes the request in flight, and stops everything', async () => {
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

    // Requests in flight at SIGTERM: a save whose body is half sent (the server has its headers).
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]!;
    const list = (await (await fetch(`${base}/api/customers?limit=1`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const customerId = list.items[0]!.id;
    const stored = (await (await fetch(`${base}/api/customers/${customerId}`, { headers: { cookie } })).json()) as Record<string, unknown>;
    const save = JSON.stringify({ ...pick(stored, ['companyName', 'email', 'phone', 'address', 'city', 'country', 'state', 'postcode', 'revision']), city: 'Saved During Shutdown' });
    const inFlight = halfSentRequest(port, `PUT /api/customers/${customerId}`, cookie, save);
    await inFlight.headersSent;

    child.kill('SIGTERM');
    const deadlineStop = Date.now() + 10_000;
    while (!output.includes('SIGTERM: finishing requests in flight') && Date.now() < deadlineStop) await new Promise((r) => setTimeout(r, 50));
    // New connections are refused at once…
    expect(await fetch(`${base}/api/health`).then((r) => r.status, (err: Error) => String((err.cause as Error | undefined)?.message ?? err))).toMatch(/ECONNREFUSED/);
    // …while the request in flight finishes, whole.
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('Saved During Shutdown');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped');
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(dbPort)).toBe(false);
  }, 90_000);
});
