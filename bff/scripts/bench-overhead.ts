// Where a BFF request's fixed time goes (issue 11: BFF vs raw driver). Not a test: it prints p50
// and p95 of each step, on the demo data set in a throwaway embedded database, the BFF in this
// process as in bench-db.ts.
//
//   pnpm --filter @app/bff bench:overhead [--runs 200]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import '../src/models.js'; // registers every model with the database layer
import { verifySessionToken } from '../src/auth/session-token.js';
import { resolveSession } from '../src/auth/sessions.js';
import { loadConfig } from '../src/config.js';
import { Customer } from '../src/customers/customer.model.js';
import { connectDatabase, disconnectDatabase, pingDatabase, readFromPostgres, syncAllIndexes } from '../src/db/connect.js';
import { demoId } from '../src/seed/demo-ids.js';
import { startEmbeddedDatabase } from '../src/db/embedded-database.js';
import { locateFerretDb } from '../src/db/embedded-ferretdb.js';
import { ensurePostgresIndexes } from '../src/db/postgres-indexes.js';
import { loadDemoData } from '../src/seed/load.js';
import { BENCH_SESSION_KEY, startBenchApp } from './bench-app.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const RUNS = Number(values.runs);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-overhead-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const db = await startEmbeddedDatabase({ binary: await locateFerretDb(repoRoot, config.FERRETDB_BIN), dataDir, ephemeral: true, log: () => {} });
try {
  await connectDatabase(db.uri, 'bench');
  await syncAllIndexes();
  await loadDemoData();
  await ensurePostgresIndexes(db.postgresUrl, 'bench');
  const reads = await readFromPostgres(db.postgresUrl);
  const bench = await startBenchApp(config);
  const base = bench.base;
  const cookie = await bench.signIn('reseller.cash@demo.example');
  const claims = (await verifySessionToken(BENCH_SESSION_KEY, cookie.split('=')[1]!))!;
  const scope = { distributorId: demoId('distributor:northwind'), resellerId: demoId('reseller:cash') };
  const get = (url: string) => fetch(`${base}${url}`, { headers: { cookie } }).then((r) => r.text());

  const steps: [string, () => Promise<unknown>][] = [
    ['HTTP GET /api/health (one database ping)', () => get('/api/health')],
    ['database ping alone', () => pingDatabase()],
    ['session check (resolveSession)', () => resolveSession(claims)],
    ['HTTP GET /api/auth/session (session + who)', () => get('/api/auth/session')],
    ['raw: customers page + count', () => Promise.all([Customer.collection.find(scope).sort({ nameKey: 1, _id: 1 }).limit(50).toArray(), Customer.collection.countDocuments(scope)])],
    ['HTTP GET /api/customers?limit=50&total=1', () => get('/api/customers?limit=50&total=1')],
  ];
  console.log(`\nThe cash reseller of the demo data (${await Customer.collection.countDocuments(scope)} customers); ${RUNS} runs each, ms\n`);
  console.log('| step | p50 | p95 |\n| --- | ---: | ---: |');
  for (const [name, step] of steps) {
    for (let i = 0; i < 20; i++) await step();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await step();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${times[Math.floor(RUNS / 2)]!.toFixed(2)} | ${times[Math.floor(RUNS * 0.95)]!.toFixed(2)} |`);
  }
  bench.close();
  await reads.close();
} finally {
  await disconnectDatabase().catch(() => {});
  await mongoose.disconnect().catch(() => {});
  await db.stop();
  await rm(dataDir, { recursive: true, force: true });
}
