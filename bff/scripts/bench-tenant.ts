// Benchmark of one large tenant beside the demo's small ones (issue 22): every request the staff
// screens make, for the large reseller and for a small one in the same run, and the export rate.
// Not a test: it prints a table.
//
//   pnpm --filter @app/bff bench:tenant [--customers 100000] [--orders 1000000] [--runs 15]
//                                       [--data-dir DIR] [--skip-export]
//
// 1. A fresh DATA_DIR seeded as `pnpm seed --customers C --orders N --reseller cash` (the demo data,
//    plus C customers and N orders for the cash reseller), or `--data-dir` seeded that way before
//    (kept as it is).
// 2. The BFF started as `pnpm start` starts it (bff/package.json), as its own process, once it has
//    gone idle after start.
// 3. p50 / p95 over --runs of each request, signed in as the cash reseller (large) and the
//    card reseller (about 100 customers), and as the distributor for its screens; then
//    Orders.xlsx of every order of the large reseller, in rows/s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../src/seed/demo-data.js';

const BFF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    'data-dir': { type: 'string' },
    'skip-export': { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const START = (JSON.parse(await readFile(path.join(BFF, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
if (START[0] !== 'node') throw new Error(`bff's start script no longer starts node directly: ${START.join(' ')}`);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

async function cpuIdle(pid: number, maxSeconds = 900): Promise<void> {
  const cpu = async () => {
    const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const started = Date.now();
  let quiet = 0;
  let last = await cpu();
  while (quiet < 2 && Date.now() - started < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await cpu();
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
}

function seed(dataDir: string) {
  const t0 = Date.now();
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', '--customers', values.customers, '--orders', values.orders, '--reseller', 'cash'], {
    cwd: BFF, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (out.status !== 0) throw new Error('seeding failed');
  console.error(`seeded ${values.customers} customers and ${values.orders} orders in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function startBff(dataDir: string): Promise<{ base: string; bff: ChildProcess }> {
  const port = 4100 + Math.floor(Math.random() * 800);
  // Without the monthly billing's catch-up: a fresh seed has months of subscriptions nobody billed,
  // and billing 100k customers at the first start is a background job, not what a screen waits for.
  const bff = spawn(process.execPath, START.slice(1), { cwd: BFF, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development', MONTHLY_INVOICES: 'off' }, stdio: ['pipe', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/health`).then((r) => r.status, () => 0)) === 200) break;
    if (i > 900) throw new Error('the BFF did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  await cpuIdle(bff.pid!);
  return { base, bff };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

type Get = (url: string) => Promise<Record<string, unknown>>;
const getter = (base: string, cookie: string): Get => async (url) => {
  const res = await fetch(`${base}${url}`, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as Record<string, unknown>;
};

/** The requests a reseller's staff screens make, as the web app makes them. */
async function resellerRequests(get: Get): Promise<[string, string][]> {
  const first = await get('/api/customers?limit=50&total=1');
  const customers = first.total as number;
  // A deep page as the grid reaches it: a jump by offset, then keyset pages on from its cursor.
  // (At least two pages before the end, so that the page jumped to has a next one.)
  const deepRow = Math.max(0, Math.min(Math.floor(customers * 0.8), customers - 100));
  const jump = await get(`/api/customers?limit=50&offset=${deepRow}`);
  const ordersPage = await get('/api/orders?limit=50');
  const orders = ordersPage.items as { id: string }[];
  return [
    ['home figures (overview)', '/api/overview'],
    ['customers page 1 (with the view’s total)', '/api/customers?limit=50&total=1'],
    ['customer statistics', '/api/customers/stats'],
    [`customers deep keyset page (row ${(deepRow + 50).toLocaleString('en')} on)`, `/api/customers?limit=50&cursor=${encodeURIComponent(jump.nextCursor as string)}`],
    ['customers search "harbor" (with total)', '/api/customers?limit=50&search=harbor&total=1'],
    ['orders grid page 1 (with total)', '/api/orders?limit=50&total=1'],
    // The pages after the first, as the grid asks them: no count.
    ['orders grid page 2 (keyset, no count)', `/api/orders?limit=50&cursor=${encodeURIComponent(ordersPage.nextCursor as string)}`],
    ['approvals queue (with total)', '/api/orders?status=pending_approval&sort=orderedAt&limit=25&total=1'],
    ['an order’s page', `/api/orders/${orders[0]!.id}`],
  ];
}

async function measure(get: Get, url: string) {
  await get(url); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    await get(url);
    times.push(performance.now() - s);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'bench-tenant-')));
let bff: ChildProcess | null = null;
try {
  if (!values['data-dir']) seed(dataDir);
  const started = await startBff(dataDir);
  bff = started.bff;
  const { base } = started;
  const large = getter(base, await signIn(base, 'reseller.cash@demo.example'));
  const small = getter(base, await signIn(base, 'reseller.card@demo.example'));
  const distributor = getter(base, await signIn(base, 'distributor@demo.example'));
  const sizeOf = async (get: Get) => `${((await get('/api/customers?limit=1&total=1')).total as number).toLocaleString('en')} customers, ${((await get('/api/orders?limit=1&total=1')).total as number).toLocaleString('en')} orders`;
  const [largeSize, smallSize] = [await sizeOf(large), await sizeOf(small)];

  console.log(`# Tenant benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ${RUNS} runs each, ms`);
  console.log(`large: cash reseller (${largeSize}); small: card reseller (${smallSize})\n`);
  console.log('| request | large p50 | large p95 | small p50 | small p95 | large / small (p50) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const [largeRequests, smallRequests] = [await resellerRequests(large), await resellerRequests(small)];
  for (const [i, [name, url]] of largeRequests.entries()) {
    const a = await measure(large, url).catch((err: Error) => err);
    const b = await measure(small, smallRequests[i]![1]).catch((err: Error) => err);
    if (a instanceof Error || b instanceof Error) {
      console.log(`| ${name} | failed: ${(a instanceof Error ? a : (b as Error)).message.slice(0, 80)} | | | | |`);
      continue;
    }
    console.log(`| ${name} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(b.p50)} | ${ms(b.p95)} | ${(a.p50 / b.p50).toFixed(2)} |`);
  }
  for (const [name, url] of [['distributor: home figures', '/api/overview'], ['distributor: resellers grid (with total)', '/api/resellers?limit=50&total=1'], ['distributor: orders grid (with total)', '/api/orders?limit=50&total=1']] as const) {
    const a = await measure(distributor, url).catch((err: Error) => err);
    console.log(a instanceof Error ? `| ${name} | failed: ${a.message.slice(0, 80)} | | | | |` : `| ${name} | ${ms(a.p50)} | ${ms(a.p95)} | | | |`);
  }

  if (!values['skip-export']) {
    const rows = (await large('/api/orders?limit=1&total=1')).total as number;
    const cookie = await signIn(base, 'reseller.cash@demo.example');
    const t = performance.now();
    const res = await fetch(`${base}/api/orders/export.xlsx?sort=-orderedAt`, { headers: { cookie } });
    let bytes = 0;
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
    const seconds = (performance.now() - t) / 1000;
    console.log(`\nOrders.xlsx of the large reseller: ${res.status}, ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  }
} finally {
  bff?.stdin?.end(); // the BFF (and its embedded database) stop when told to
  bff?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  if (!values['data-dir']) await rm(dataDir, { recursive: true, force: true });
}
