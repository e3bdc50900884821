// Benchmark of the customer grid (issue 3): seeds one reseller with N customers, then measures the
// BFF answering page 1, a deep page (keyset cursor and offset jump), a search and the statistics,
// next to the raw driver running the same queries in the same run. Not a test: it prints figures.
//
//   pnpm --filter @app/bff bench:customers [--customers 100000] [--orders 200000] [--runs 15]
//
// Uses MONGODB_URI when set, otherwise a throwaway embedded FerretDB (SQLite backend).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { createLoginRateLimiter } from '../src/auth/login-rate-limit.js';
import { createResetMailLimiter } from '../src/auth/password-setup.service.js';
import { loadConfig } from '../src/config.js';
import { customerKeysetView } from '../src/customers/customer-list.js';
import { encodeCursor } from '../src/lib/keyset-page.js';
import { Customer } from '../src/customers/customer.model.js';
import { demoId } from '../src/db/demo-ids.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedBulk } from '../src/db/seed/bulk.js';
import { loadDemoData } from '../src/db/seed/load.js';
import { createLogger } from '../src/logger.js';
import { createMailer } from '../src/mail/mailer.js';
import { testSsoKeys } from '../src/sso/sso-keys.js';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '100000' }, orders: { type: 'string', default: '200000' }, runs: { type: 'string', default: '15' } },
});
const N = Number(values.customers);
const RUNS = Number(values.runs);
const PAGE = 50;
const DEEP_PAGE = Math.max(1, Math.min(1000, Math.floor(N / PAGE) - 1));

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-customers-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const db = await openDatabase(config, (l) => console.error(l));
const backend = config.MONGODB_URI ? `MONGODB_URI (${config.MONGODB_URI.replace(/\/\/[^@]*@/, '//')})` : 'embedded FerretDB v1.24.2, SQLite backend';

try {
  console.error(`Seeding ${N} customers and ${values.orders} orders on reseller "cash"…`);
  let t = Date.now();
  await loadDemoData();
  await seedBulk({ customers: N, orders: Number(values.orders), resellerKey: 'cash', onProgress: (l) => process.stderr.write(`\r${l}   `) });
  console.error(`\nSeeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const app = createApp({ config, logger: createLogger('silent'), sessionKey: new TextEncoder().encode('b'.repeat(40)),
    loginLimiter: createLoginRateLimiter(), resetMailLimiter: createResetMailLimiter(), ssoKeys: await testSsoKeys(), mailer: createMailer(config, createLogger('silent')) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
    body: JSON.stringify({ email: 'reseller.cash@demo.example', password: 'Demo-Password-1' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  const scope = { distributorId: demoId('distributor:northwind'), resellerId: demoId('reseller:cash') };
  const sort = { nameKey: 1, _id: 1 } as const;
  const deepRow = (await Customer.collection.find(scope).sort(sort).skip(DEEP_PAGE * PAGE - 1).limit(1).toArray())[0]!;
  const cursor = encodeCursor(customerKeysetView({ sort: 'companyName' }), deepRow as never);
  const after = { $or: [{ nameKey: { $gt: deepRow.nameKey } }, { nameKey: deepRow.nameKey, _id: { $gt: deepRow._id } }] };
  const search = 'harbor';
  const searchFilter = { ...scope, searchText: { $regex: search } };

  const cases: { name: string; bff: () => Promise<unknown>; raw: () => Promise<unknown> }[] = [
    { name: 'page 1', bff: () => get(`/api/customers?limit=${PAGE}`),
      raw: () => Promise.all([Customer.collection.find(scope).sort(sort).limit(PAGE).toArray(), Customer.collection.countDocuments(scope)]) },
    { name: `page ${DEEP_PAGE} (keyset cursor)`, bff: () => get(`/api/customers?limit=${PAGE}&cursor=${cursor}`),
      raw: () => Promise.all([Customer.collection.find({ ...scope, ...after }).sort(sort).limit(PAGE).toArray(), Customer.collection.countDocuments(scope)]) },
    { name: `page ${DEEP_PAGE} (offset jump)`, bff: () => get(`/api/customers?limit=${PAGE}&offset=${DEEP_PAGE * PAGE}`),
      raw: () => Promise.all([Customer.collection.find(scope).sort(sort).skip(DEEP_PAGE * PAGE).limit(PAGE).toArray(), Customer.collection.countDocuments(scope)]) },
    { name: `search "${search}"`, bff: () => get(`/api/customers?limit=${PAGE}&search=${search}`),
      raw: () => Promise.all([Customer.collection.find(searchFilter).sort(sort).limit(PAGE).toArray(), Customer.collection.countDocuments(searchFilter)]) },
    { name: 'statistics', bff: () => get('/api/customers/stats'),
      raw: () => Promise.all([Customer.collection.countDocuments(scope), Customer.collection.countDocuments({ ...scope, monthlyRunRateCents: { $gt: 0 } }),
        Customer.collection.aggregate([{ $match: { ...scope, monthlyRunRateCents: { $gt: 0 } } }, { $group: { _id: null, t: { $sum: '$monthlyRunRateCents' } } }]).toArray()]) },
  ];

  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const time = async (fn: () => Promise<unknown>) => { const s = performance.now(); await fn(); return performance.now() - s; };
  console.log(`\nCustomer grid, ${N} customers on one reseller, ${RUNS} runs each, database: ${backend}\n`);
  console.log('| query | BFF p50 ms | BFF p95 ms | raw p50 ms | raw p95 ms | BFF/raw (p50) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const c of cases) {
    await c.bff(); await c.raw(); // warm-up
    const bff: number[] = []; const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) { bff.push(await time(c.bff)); raw.push(await time(c.raw)); }
    console.log(`| ${c.name} | ${pct(bff, 50).toFixed(0)} | ${pct(bff, 95).toFixed(0)} | ${pct(raw, 50).toFixed(0)} | ${pct(raw, 95).toFixed(0)} | ${(pct(bff, 50) / pct(raw, 50)).toFixed(2)} |`);
  }
  t = Date.now();
  server.close();
} finally {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
}
