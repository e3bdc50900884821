// Benchmark of the Excel exports (issue 13). Not a test: it prints figures.
//
//   pnpm --filter @app/bff bench:export [--rows 100000[,1000000]] [--repeat 1] [--skip-http] [--skip-alone]
//     [--bff-node-options=--max-old-space-size=4096] [--data-dirs DIR_100K,DIR_1M]
//
// 1. The exporter alone, fed from an in-process generator of order-like rows, next to the raw
//    exceljs streaming writer and a plain (non-streaming) exceljs Workbook of the same rows; each
//    case in a fresh child process, so its peak RSS growth is its own.
// 2. Through HTTP: a fresh DATA_DIR seeded with `pnpm seed --customers C --orders N` (reseller
//    "cash"), the BFF started as its own process as `pnpm start` starts it (its heap limit among
//    its options: bff/package.json), Orders.xlsx downloaded by the cash reseller; the
//    BFF's RSS and the database's (FerretDB and PostgreSQL, summed PSS) sampled from /proc every 25 ms.
//
// Uses the embedded FerretDB (on PostgreSQL) unless MONGODB_URI is set.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../src/exports/write-xlsx.js';
import type { ExportColumn } from '../src/exports/xlsx-export.js';

const BFF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    child: { type: 'string' },
    'skip-http': { type: 'boolean', default: false },
    'skip-alone': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    'bff-node-options': { type: 'string', default: '' },
    'data-dirs': { type: 'string' },
  },
});
/** The BFF's command line as `pnpm start` has it (bff/package.json), with any node options given here added. */
const START = (JSON.parse(await readFile(path.join(BFF, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
if (START[0] !== 'node') throw new Error(`bff's start script no longer starts node directly: ${START.join(' ')}`);
const BFF_ARGS = [...START.slice(1, -1), ...values['bff-node-options'].split(/\s+/).filter(Boolean), START.at(-1)!];
/** DATA_DIRs already seeded with each `--rows` count (`pnpm seed --orders N --reseller cash`): used as they are, kept. */
const SEEDED = values['data-dirs']?.split(',');
/** Exports per row count through HTTP, each from a fresh BFF on the same seeded data. */
const REPEAT = Number(values.repeat);
const ROW_COUNTS = values.rows.split(',').map(Number);
const mb = (bytes: number) => bytes / 1024 / 1024;

interface Row {
  number: string;
  orderedAt: Date;
  customerName: string;
  status: string;
  placedBy: string;
  byCustomer: boolean;
  lines: number;
  monthly: boolean;
  cost: number;
  amount: number;
}
const COLUMNS: ExportColumn<Row>[] = [
  { header: 'Order #', width: 14, type: 'text', value: (o) => o.number },
  { header: 'Order date', width: 18, type: 'date', withTime: true, value: (o) => o.orderedAt },
  { header: 'Customer', width: 32, type: 'text', value: (o) => o.customerName },
  { header: 'Status', width: 26, type: 'text', value: (o) => o.status },
  { header: 'Placed by', width: 26, type: 'text', value: (o) => o.placedBy },
  { header: 'Placed by the customer', width: 12, type: 'yesNo', value: (o) => o.byCustomer },
  { header: 'Lines', width: 8, type: 'number', value: (o) => o.lines },
  { header: 'Monthly', width: 10, type: 'yesNo', value: (o) => o.monthly },
  { header: 'Total cost', width: 16, type: 'money', currency: 'EUR', value: (o) => o.cost },
  { header: 'Total amount', width: 16, type: 'money', currency: 'EUR', value: (o) => o.amount },
];
const row = (i: number): Row => ({
  number: `NW-${String(i).padStart(7, '0')}`,
  orderedAt: new Date(1_750_000_000_000 + i * 60_000),
  customerName: `Customer ${i % 5000} Trading Ltd`,
  status: ['Executed', 'In progress', 'Pending reseller approval', 'Canceled'][i % 4]!,
  placedBy: i % 3 ? 'Bea Buyer' : 'Cashmere Cloud Partners',
  byCustomer: i % 3 !== 0,
  lines: 1 + (i % 5),
  monthly: i % 2 === 0,
  cost: (i % 100_000) / 7,
  amount: (i % 100_000) / 5,
});
async function* generate(n: number) {
  for (let i = 0; i < n; i++) yield row(i);
}
/** A sink as fast as a client can be: takes every chunk at once. */
const devNull = () => new Writable({ write: (_c, _e, done) => done() });

/** A process's resident memory in bytes: RSS, or with `proportional` its PSS (shared pages divided among their sharers). */
async function residentOf(pid: number, proportional = false): Promise<number> {
  if (!proportional) return Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  return Number(/^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'))![1]) * 1024;
}

/**
 * Samples memory until stopped; the peak over the baseline. Of this process (RSS), of a pid (RSS),
 * or of a pid's descendants summed (PSS: PostgreSQL's server processes share its buffers, which RSS
 * would count once per process).
 */
function rssSampler(pid?: number, descendants = false) {
  const read = async () => {
    if (!pid) return process.memoryUsage().rss;
    if (!descendants) return residentOf(pid);
    const all = await descendantsOf(pid);
    return (await Promise.all(all.map((p) => residentOf(p, true).catch(() => 0)))).reduce((a, b) => a + b, 0);
  };
  let peak = 0;
  let baseline = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    async start() {
      baseline = await read();
      peak = baseline;
      timer = setInterval(() => void read().then((v) => (peak = Math.max(peak, v)), () => {}), 25);
    },
    async stop() {
      clearInterval(timer);
      peak = Math.max(peak, await read().catch(() => 0));
      return { baselineMb: mb(baseline), growthMb: mb(peak - baseline) };
    },
  };
}

/** One in-process case, in this (child) process: rows/s and peak RSS growth. */
async function runChild(kind: string, n: number) {
  const rss = rssSampler();
  await rss.start();
  const t = performance.now();
  if (kind === 'exporter') {
    await writeXlsx({ title: 'Orders', columns: COLUMNS, rows: generate(n) }, devNull());
  } else if (kind === 'raw-stream') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: devNull(), useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Orders');
    sheet.addRow(COLUMNS.map((c) => c.header)).commit();
    for (let i = 0; i < n; i++) {
      const r = row(i);
      sheet.addRow([r.number, r.orderedAt, r.customerName, r.status, r.placedBy, r.byCustomer ? 'Yes' : 'No', r.lines, r.monthly ? 'Yes' : 'No', r.cost, r.amount]).commit();
    }
    sheet.commit();
    await workbook.commit();
  } else {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Orders');
    sheet.addRow(COLUMNS.map((c) => c.header));
    for (let i = 0; i < n; i++) {
      const r = row(i);
      sheet.addRow([r.number, r.orderedAt, r.customerName, r.status, r.placedBy, r.byCustomer ? 'Yes' : 'No', r.lines, r.monthly ? 'Yes' : 'No', r.cost, r.amount]);
    }
    await workbook.xlsx.write(devNull());
  }
  const seconds = (performance.now() - t) / 1000;
  const { growthMb } = await rss.stop();
  console.log(JSON.stringify({ rowsPerSecond: n / seconds, growthMb, seconds }));
}

function inChild(kind: string, n: number): { rowsPerSecond: number; growthMb: number; seconds: number } {
  const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, '--rows', String(n)], { cwd: BFF, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`${kind} ${n}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!);
}

async function benchAlone() {
  console.log('\n## The exporter alone (in-process generator → .xlsx → a sink that takes everything)\n');
  console.log('| rows | writer | rows/s | peak RSS growth MB | vs raw streaming |');
  console.log('| ---: | --- | ---: | ---: | ---: |');
  for (const n of ROW_COUNTS) {
    const raw = inChild('raw-stream', n);
    const exporter = inChild('exporter', n);
    const plain = n <= 200_000 ? inChild('plain-workbook', n) : null;
    const line = (name: string, r: typeof raw) => console.log(`| ${n.toLocaleString('en')} | ${name} | ${Math.round(r.rowsPerSecond).toLocaleString('en')} | ${r.growthMb.toFixed(1)} | ${(r.rowsPerSecond / raw.rowsPerSecond).toFixed(2)}× |`);
    line('exporter (writeXlsx)', exporter);
    line('raw exceljs stream.xlsx.WorkbookWriter', raw);
    if (plain) line('plain exceljs Workbook (in memory)', plain);
  }
}

const childPids = (pid: number) =>
  readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').then((s) => s.trim().split(/\s+/).filter(Boolean).map(Number), () => [] as number[]);
async function descendantsOf(pid: number): Promise<number[]> {
  const children = await childPids(pid);
  return [...children, ...(await Promise.all(children.map(descendantsOf))).flat()];
}

/** CPU seconds a process has used so far. */
async function cpuSecondsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** Waits until a process uses under 5 % of a core for two seconds in a row; answers the seconds waited. */
async function waitUntilIdle(pid: number, maxSeconds = 900): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let last = await cpuSecondsOf(pid);
  while (quiet < 2 && Date.now() - started < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await cpuSecondsOf(pid);
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  return (Date.now() - started) / 1000;
}

/** One export of every order of the cash reseller, from a BFF started for it on `dataDir`; its peak RSS growth. */
async function exportOnce(dataDir: string, n: number): Promise<number> {
  const port = 4100 + Math.floor(Math.random() * 800);
  let bff: ChildProcess | null = null;
  try {
    bff = spawn(process.execPath, BFF_ARGS, { cwd: BFF, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' }, stdio: ['pipe', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/health`).then((r) => r.status, () => 0)) === 200) break;
      if (i > 600) throw new Error('the BFF did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    // The BFF finishes start-up work in the background (startup-recovery.ts); measuring over it
    // would count its memory as the export's.
    const settled = await waitUntilIdle(bff.pid!);
    console.error(`the BFF settled ${settled.toFixed(0)} s after it answered`);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' }, body: JSON.stringify({ email: 'reseller.cash@demo.example', password: 'Demo-Password-1' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const counted = await fetch(`${base}/api/orders?limit=1&total=1`, { headers: { cookie } });
    const body = (await counted.json()) as { total?: number };
    if (typeof body.total !== 'number') console.error(`counting the orders answered ${counted.status} ${JSON.stringify(body)}: using the seeded count`);
    const total = body.total ?? n;
    // The database: FerretDB and the embedded PostgreSQL, all started by the BFF (none with MONGODB_URI).
    const bffRss = rssSampler(bff.pid!);
    const dbRss = (await childPids(bff.pid!)).length > 0 ? rssSampler(bff.pid!, true) : null;
    await bffRss.start();
    await dbRss?.start();
    // CPU time, which a busy machine stretches far less than wall time: what each side costs a row.
    const cpuOfDatabase = async () => (await Promise.all((await descendantsOf(bff!.pid!)).map((p) => cpuSecondsOf(p).catch(() => 0)))).reduce((a, b) => a + b, 0);
    const [bffCpu0, dbCpu0] = [await cpuSecondsOf(bff.pid!), await cpuOfDatabase()];
    const t = performance.now();
    const res = await fetch(`${base}/api/orders/export.xlsx?sort=-orderedAt`, { headers: { cookie } });
    if (res.status !== 200) console.error(`the export answered ${res.status} ${await res.clone().text()}`);
    let bytes = 0;
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
    const seconds = (performance.now() - t) / 1000;
    const perRow = (cpu: number) => ((cpu * 1e6) / total).toFixed(0);
    const [bffCpu, dbCpu] = [(await cpuSecondsOf(bff.pid!)) - bffCpu0, (await cpuOfDatabase()) - dbCpu0];
    const b = await bffRss.stop();
    const d = await dbRss?.stop();
    console.log(`| ${total.toLocaleString('en')} | ${res.status} | ${seconds.toFixed(1)} | ${Math.round(total / seconds).toLocaleString('en')} | ${mb(bytes).toFixed(1)} | ${b.baselineMb.toFixed(0)} | ${b.growthMb.toFixed(1)} | ${d ? `${d.baselineMb.toFixed(0)} → +${d.growthMb.toFixed(0)}` : 'n/a'} | ${perRow(bffCpu)} | ${perRow(dbCpu)} |`);
    return b.growthMb;
  } finally {
    bff?.stdin?.end(); // the BFF (and its embedded database) stop when told to
    bff?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Seeds a fresh DATA_DIR with `n` orders for the cash reseller, then exports them `repeat` times; the median growth. */
async function benchHttp(n: number, repeat: number, seeded?: string): Promise<number> {
  if (seeded) return medianGrowth(seeded, n, repeat);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-export-'));
  try {
    const t0 = Date.now();
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/seed-cli.ts', '--customers', String(Math.max(1000, n / 10)), '--orders', String(n), '--reseller', 'cash'], {
      cwd: BFF, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    console.error(`seeded ${n} orders in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    return await medianGrowth(dataDir, n, repeat);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function medianGrowth(dataDir: string, n: number, repeat: number): Promise<number> {
  const growth: number[] = [];
  for (let i = 0; i < repeat; i++) growth.push(await exportOnce(dataDir, n));
  growth.sort((a, b) => a - b);
  const mid = (growth.length - 1) / 2;
  return (growth[Math.floor(mid)]! + growth[Math.ceil(mid)]!) / 2;
}

if (values.child) {
  await runChild(values.child, ROW_COUNTS[0]!);
} else {
  console.log(`# Excel export benchmark — node ${process.version}, ${os.cpus().length} cores, database: ${process.env.MONGODB_URI ? 'MONGODB_URI' : 'embedded FerretDB v1.24.2 on PostgreSQL'}`);
  console.log(`The BFF (through HTTP): node ${BFF_ARGS.join(' ')}`);
  if (!values['skip-alone']) await benchAlone();
  if (!values['skip-http']) {
    console.log('\n## Through HTTP (Orders.xlsx of the cash reseller, every order, newest first)\n');
    console.log('| rows | status | seconds | rows/s | file MB | BFF RSS before MB | BFF peak RSS growth MB | database PSS MB (before → growth) | BFF CPU µs/row | database CPU µs/row |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
    const growth = [];
    for (const [i, n] of ROW_COUNTS.entries()) growth.push(await benchHttp(n, REPEAT, SEEDED?.[i]));
    if (growth.length > 1) console.log(`\nBFF memory ratio ${ROW_COUNTS.at(-1)}/${ROW_COUNTS[0]} rows (median peak growth of ${REPEAT} run(s) each): ${(growth.at(-1)! / growth[0]!).toFixed(2)}`);
  }
}
