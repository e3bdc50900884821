// Benchmark of the embedded database under a multi-tenant data set (issue 11): one run seeds the
// demo data plus bench resellers — one with --large customers, --resellers more with --per-reseller
// each, --orders-per-customer orders per customer — then measures, for the large reseller and for
// a typical one, the BFF answering the customer grid (page 1, a deep keyset page, a search), the
// statistics and the orders grid, next to the raw driver sending the same queries (both read
// PostgreSQL directly: db/postgres-reads/), and next to FerretDB answering those queries itself
// (a driver client of its own, which nothing redirects; --ferretdb-runs 0 skips it). Not a test:
// it prints a table.
//
//   pnpm --filter @app/bff bench:db [--backend postgresql|sqlite] [--resellers 90] [--per-reseller 1000]
//                                   [--large 10000] [--orders-per-customer 10] [--runs 10] [--ferretdb-runs 3]
//
// Defaults: 100k customers and 1M orders in 91 resellers. Uses MONGODB_URI when set; otherwise a
// throwaway embedded FerretDB on PostgreSQL (or, with --backend sqlite, FerretDB's SQLite backend,
// which the app no longer uses, for comparison).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import '../src/models.js'; // registers every model with the database layer
import { loadConfig } from '../src/config.js';
import { customerKeysetView } from '../src/customers/customer-list.js';
import { Customer } from '../src/customers/customer.model.js';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, readFromPostgres, syncAllIndexes } from '../src/db/connect.js';
import { demoId } from '../src/seed/demo-ids.js';
import { startEmbeddedDatabase } from '../src/db/embedded-database.js';
import { locateFerretDb, spawnFerretDb } from '../src/db/embedded-ferretdb.js';
import { ensurePostgresIndexes, withPostgresIndexesDeferred } from '../src/db/postgres-indexes.js';
import { seedBenchResellers } from '../src/seed/bench-resellers.js';
import { BULK_COLLECTIONS } from '../src/seed/bulk.js';
import { loadDemoData } from '../src/seed/load.js';
import { reconcileFigures } from '../src/overview/figure-reconciliation.js';
import { freePort } from '../src/db/supervised-server.js';
import { encodeCursor } from '../src/lib/keyset-page.js';
import { Order } from '../src/orders/order.model.js';
import { startBenchApp } from './bench-app.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'postgresql' },
    resellers: { type: 'string', default: '90' },
    'per-reseller': { type: 'string', default: '1000' },
    large: { type: 'string', default: '10000' },
    'orders-per-customer': { type: 'string', default: '10' },
    runs: { type: 'string', default: '10' },
    'ferretdb-runs': { type: 'string', default: '3' },
  },
});
const RUNS = Number(values.runs);
const FERRETDB_RUNS = Number(values['ferretdb-runs']);
const PAGE = 50;
const perOrder = Number(values['orders-per-customer']);
const sizes = [
  { customers: Number(values.large), orders: Number(values.large) * perOrder },
  ...Array.from({ length: Number(values.resellers) }, () => ({ customers: Number(values['per-reseller']), orders: Number(values['per-reseller']) * perOrder })),
];

const repoRoot = path.resolve(import.meta.dirname, '../..');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-db-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
let stopDatabase = async () => {};
let postgresUrl: string | null = null;
let uri = config.MONGODB_URI;
let backend = `MONGODB_URI (${uri?.replace(/\/\/[^@]*@/, '//')})`;
if (!uri) {
  const binary = await locateFerretDb(repoRoot, config.FERRETDB_BIN);
  if (values.backend === 'sqlite') {
    const port = await freePort();
    const server = await spawnFerretDb(binary, { sqliteDir: dataDir }, port);
    uri = `mongodb://127.0.0.1:${port}/`;
    stopDatabase = () => server.stop();
    backend = 'embedded FerretDB v1.24.2 on SQLite';
  } else {
    const db = await startEmbeddedDatabase({ binary, dataDir, postgresUrl: config.POSTGRES_URL, log: (l) => console.error(l) });
    uri = db.uri;
    postgresUrl = db.postgresUrl;
    stopDatabase = () => db.stop();
    backend = 'embedded FerretDB v1.24.2 on PostgreSQL 18 (GIN equality indexes)';
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const time = async (fn: () => Promise<unknown>) => {
  const s = performance.now();
  await fn();
  return performance.now() - s;
};

try {
  await connectDatabase(uri, 'bench');
  await syncAllIndexes();
  if (postgresUrl) await ensurePostgresIndexes(postgresUrl, 'bench');
  const reads = postgresUrl ? await readFromPostgres(postgresUrl) : null;
  if (reads?.serving) backend += ', reads in PostgreSQL directly';
  // The same database through a client of its own: FerretDB answers every query itself.
  const ferretClient = await new mongoose.mongo.MongoClient(uri!, { socketTimeoutMS: 120_000 }).connect();
  const ferret = { customers: ferretClient.db('bench').collection('customers'), orders: ferretClient.db('bench').collection('orders') };
  await loadDemoData();
  const totalCustomers = sizes.reduce((n, s) => n + s.customers, 0);
  const totalOrders = sizes.reduce((n, s) => n + s.orders, 0);
  console.error(`Seeding ${totalCustomers} customers and ${totalOrders} orders in ${sizes.length} resellers…`);
  const seedStart = Date.now();
  const tty = process.stderr.isTTY;
  const resellers = await withPostgresIndexesDeferred(postgresUrl, 'bench', BULK_COLLECTIONS, () =>
    seedBenchResellers(sizes, (line) => (tty ? process.stderr.write(`\r${line}      `) : undefined)),
  );
  await reconcileFigures(); // bulk inserts carry no figure deltas
  const seedSeconds = (Date.now() - seedStart) / 1000;
  console.error(`\nSeeded in ${seedSeconds.toFixed(0)} s (${Math.round((totalCustomers * 1.5 + totalOrders) / seedSeconds)} documents/s, indexes built after)`);

  const bench = await startBenchApp(config, process.env.BENCH_LOG ?? 'silent');
  const base = bench.base;

  console.log(`\n${totalCustomers.toLocaleString('en')} customers and ${totalOrders.toLocaleString('en')} orders in ${sizes.length + 4} resellers; ${RUNS} runs each; ${backend}\n`);
  console.log('| reseller | query | BFF p50 ms | BFF p95 ms | raw p50 ms | raw p95 ms | BFF/raw (p50) | FerretDB alone p50 ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const reseller of [resellers[0]!, resellers[1]!]) {
    const cookie = await bench.signIn(reseller.staffEmail);
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };

    const scope = { distributorId: demoId('distributor:northwind'), resellerId: demoId(`reseller:${reseller.key}`) };
    const sort = { nameKey: 1, _id: 1 } as const;
    const deepPage = Math.floor(reseller.customers / PAGE) - 1;
    const deepRow = (await Customer.collection.find(scope).sort(sort).skip(deepPage * PAGE - 1).limit(1).toArray())[0]!;
    const cursor = encodeCursor(customerKeysetView({ sort: 'companyName' }), deepRow as never);
    const after = { $or: [{ nameKey: { $gt: deepRow.nameKey } }, { nameKey: deepRow.nameKey, _id: { $gt: deepRow._id } }] };
    const search = 'harbor';
    const searchFilter = { ...scope, searchText: { $regex: search } };
    const orderSort = { orderedAt: -1, _id: -1 } as const;

    type Collections = { customers: mongoose.mongo.Collection; orders: mongoose.mongo.Collection };
    const queries: { name: string; bff: () => Promise<unknown>; raw: (c: Collections) => Promise<unknown> }[] = [
      { name: 'customers page 1', bff: () => get(`/api/customers?limit=${PAGE}&total=1`),
        raw: (c) => Promise.all([c.customers.find(scope).sort(sort).limit(PAGE).toArray(), c.customers.countDocuments(scope)]) },
      { name: `customers page ${deepPage + 1} (keyset)`, bff: () => get(`/api/customers?limit=${PAGE}&cursor=${cursor}`),
        // A page after the first: no count (the grid asks for the view's total on its first page only).
        raw: (c) => c.customers.find({ ...scope, ...after }).sort(sort).limit(PAGE).toArray() },
      { name: `customers search "${search}"`, bff: () => get(`/api/customers?limit=${PAGE}&search=${search}&total=1`),
        raw: (c) => Promise.all([c.customers.find(searchFilter).sort(sort).limit(PAGE).toArray(), c.customers.countDocuments(searchFilter)]) },
      { name: 'customer statistics', bff: () => get('/api/customers/stats'),
        raw: (c) => Promise.all([c.customers.countDocuments(scope), c.customers.countDocuments({ ...scope, monthlyRunRateCents: { $gt: 0 } }),
          c.customers.aggregate([{ $match: { ...scope, monthlyRunRateCents: { $gt: 0 } } }, { $group: { _id: null, t: { $sum: '$monthlyRunRateCents' } } }]).toArray()]) },
      { name: 'orders page 1', bff: () => get(`/api/orders?limit=${PAGE}&total=1`),
        raw: (c) => Promise.all([c.orders.find(scope).sort(orderSort).limit(PAGE).toArray(), c.orders.countDocuments(scope)]) },
    ];
    const app = { customers: Customer.collection, orders: Order.collection };
    const cases = queries.map((q) => ({ ...q, raw: () => q.raw(app), ferret: () => q.raw(ferret) }));
    const label = `${reseller.customers.toLocaleString('en')} customers, ${reseller.orders.toLocaleString('en')} orders`;
    for (const c of cases) {
      // A query that cannot finish (the BFF answers 503 after the driver's 30 s socket timeout) is
      // reported as such, and the rest still measured.
      let warm: number[] | Error;
      try {
        warm = [await time(c.bff), await time(c.raw)];
      } catch (err) {
        warm = err as Error;
      }
      if (warm instanceof Error) {
        console.log(`| ${label} | ${c.name} | failed: ${warm.message.slice(0, 80)} | | | | | |`);
        continue;
      }
      const bff: number[] = [];
      const raw: number[] = [];
      const runs = (warm[1] ?? 0) > 5000 ? Math.min(RUNS, 3) : RUNS; // slow cases: fewer runs
      for (let i = 0; i < runs; i++) {
        bff.push(await time(c.bff));
        raw.push(await time(c.raw));
      }
      const alone: number[] = [];
      let aloneFailed = '';
      for (let i = 0; i < FERRETDB_RUNS && !aloneFailed; i++) {
        try {
          alone.push(await time(c.ferret));
        } catch (err) {
          aloneFailed = `failed: ${(err as Error).message.slice(0, 60)}`;
        }
      }
      const ms = (xs: number[], p: number) => (pct(xs, p) < 10 ? pct(xs, p).toFixed(1) : pct(xs, p).toFixed(0));
      const ferretCell = aloneFailed || (alone.length ? ms(alone, 50) : '—');
      console.log(`| ${label} | ${c.name} | ${ms(bff, 50)} | ${ms(bff, 95)} | ${ms(raw, 50)} | ${ms(raw, 95)} | ${(pct(bff, 50) / pct(raw, 50)).toFixed(2)} | ${ferretCell} |`);
    }
  }
  bench.close();
  await ferretClient.close();
  await reads?.close();
} finally {
  await disconnectDatabase().catch(() => {});
  await stopDatabase();
  await rm(dataDir, { recursive: true, force: true });
}
