import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './db/supervised-server.js';

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

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return condition();
}

/** Processes whose command line names `dataDir` (the embedded PostgreSQL's does). */
async function processesUsing(dataDir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(dataDir)) pids.push(Number(entry));
  }
  return pids;
}

/** The real entry point on `dataDir` with the embedded database, as `pnpm start` runs it. */
async function startBff(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'server.ts')], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, MONGODB_URI: undefined, POSTGRES_URL: undefined, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', FERRETDB_BIN: inject('ferretDbBinary') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = { text: '' };
  child.stdout.on('data', (d: Buffer) => (log.text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log.text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const healthy = await waitUntil(() => fetch(`${base}/api/health`).then((r) => r.status === 200, () => false), 60_000);
  expect(healthy, log.text).toBe(true);
  const portsLine = /listening on 127\.0\.0\.1:(\d+), on PostgreSQL on 127\.0\.0\.1:(\d+)/;
  // The log arrives through a pipe and may trail the first answer a little.
  expect(await waitUntil(async () => portsLine.test(log.text), 5000), log.text).toBe(true);
  const ports = portsLine.exec(log.text);
  return { child, exited, base, port, log, ferretPort: Number(ports![1]), postgresPort: Number(ports![2]) };
}

const signIn = (base: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
    body: JSON.stringify({ email: 'reseller.cash@demo.example', password: 'Demo-Password-1' }),
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
    const bff = await startBff(dataDir);
    const { base, port } = bff;
    const login = await signIn(base);
    expect(login.status).toBe(200);
    expect(bff.log.text).not.toContain('Demo-Password-1');

    // Requests in flight at SIGTERM: a save whose body is half sent (the server has its headers).
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]!;
    const list = (await (await fetch(`${base}/api/customers?limit=1`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    const customerId = list.items[0]!.id;
    const stored = (await (await fetch(`${base}/api/customers/${customerId}`, { headers: { cookie } })).json()) as Record<string, unknown>;
    const save = JSON.stringify({ ...pick(stored, ['companyName', 'email', 'phone', 'address', 'city', 'country', 'state', 'postcode', 'revision']), city: 'Saved During Shutdown' });
    const inFlight = halfSentRequest(port, `PUT /api/customers/${customerId}`, cookie, save);
    await inFlight.headersSent;

    bff.child.kill('SIGTERM');
    await waitUntil(async () => bff.log.text.includes('SIGTERM: finishing requests in flight'), 10_000);
    // New connections are refused at once…
    expect(await fetch(`${base}/api/health`).then((r) => r.status, (err: Error) => String((err.cause as Error | undefined)?.message ?? err))).toMatch(/ECONNREFUSED/);
    // …while the request in flight finishes, whole.
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('Saved During Shutdown');
    expect(await bff.exited).toBe(0);
    expect(bff.log.text).toContain('Stopped');
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(bff.ferretPort)).toBe(false);
    expect(await portOpen(bff.postgresPort)).toBe(false);
    expect(await processesUsing(dataDir)).toEqual([]);
  }, 120_000);

  it('killed with SIGKILL, leaves no database server behind, and the next start works on the same data', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-killed-'));
    dirs.push(dataDir);
    const first = await startBff(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    // FerretDB and the PostgreSQL watchdog see their standard input close and end their servers.
    expect(await waitUntil(async () => !(await portOpen(first.ferretPort)) && !(await portOpen(first.postgresPort)), 15_000)).toBe(true);
    expect(await waitUntil(async () => (await processesUsing(dataDir)).length === 0, 15_000)).toBe(true);

    // The lock file still names the killed process: the next start takes it over.
    const second = await startBff(dataDir);
    expect(second.log.text).not.toContain("loading the demo data set");
    expect((await signIn(second.base)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
