// Benchmark of the customer import (issue 28 item 4). Not a test: it prints figures.
//
//   pnpm --filter @app/bff bench:import [--rows 50000] [--apply 2000] [--port 4390]
//
// Starts the BFF as `pnpm start` starts it (its heap limit among its options) on a fresh DATA_DIR
// with the demo data, signs in as the cash reseller, writes a csv of `--rows` new customers (each
// with a storefront user) to a temporary file and uploads it streamed; then uploads the first
// `--apply` rows of it again and confirms that import. Prints rows per second of the dry run and of
// applying, and the BFF's peak RSS above its idle RSS (sampled from /proc every 25 ms).
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CSRF_HEADER, CSRF_HEADER_VALUE, CUSTOMER_IMPORT_COLUMNS } from '@app/shared';

const BFF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' }, apply: { type: 'string', default: '2000' }, port: { type: 'string', default: '4390' } } });
const ROWS = Number(values.rows);
const APPLY = Math.min(Number(values.apply), ROWS);
const base = `http://localhost:${values.port}`;
const START = (JSON.parse(await readFile(path.join(BFF, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-import-'));
const rssOf = async (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

async function writeCsv(file: string, rows: number) {
  const out = createWriteStream(file);
  out.write(`${CUSTOMER_IMPORT_COLUMNS.map((c) => c.header).join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    const line = [`bench${i}@bench-import.example`, `Bench ${i} Trading Ltd`, '', '+44 20 7946 0000', `${i} High Street`, 'London', 'Greater London', 'EC1A 1AA', 'United Kingdom', '', '', 'Alex', `Bench${i}`, `alex${i}@bench-import.example`];
    if (!out.write(`${line.join(',')}\r\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

const bff = spawn(START[0]!, START.slice(1), { cwd: BFF, env: { ...process.env, PORT: values.port, DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'development', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] });
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the BFF did not start');
    if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE }, body: JSON.stringify({ email: 'reseller.cash@demo.example', password: 'Demo-Password-1' }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const headers = { Cookie: cookie, [CSRF_HEADER]: CSRF_HEADER_VALUE };

  /** Runs `work` while sampling the BFF's RSS; answers its duration and the peak above the RSS before it. */
  async function measured<T>(work: () => Promise<T>) {
    const idle = await rssOf(bff.pid!);
    let peak = idle;
    const timer = setInterval(() => void rssOf(bff.pid!).then((r) => (peak = Math.max(peak, r))).catch(() => {}), 25);
    const t0 = performance.now();
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    return { result, seconds, idle, peak };
  }
  const upload = async (file: string) => {
    const res = await fetch(`${base}/api/customer-imports?fileName=${path.basename(file)}`, {
      method: 'POST', headers: { ...headers, 'Content-Type': 'text/csv' }, body: Readable.toWeb(createReadStream(file)) as never, duplex: 'half',
    } as RequestInit);
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; checked: Record<string, number> };
  };

  const big = path.join(dir, `customers-${ROWS}.csv`);
  await writeCsv(big, ROWS);
  const size = (await stat(big)).size;
  const dry = await measured(() => upload(big));
  const small = path.join(dir, `customers-${APPLY}.csv`);
  await writeCsv(small, APPLY);
  const checked = await upload(small);
  const applied = await measured(async () => {
    const res = await fetch(`${base}/api/customer-imports/${checked.id}/apply`, { method: 'POST', headers });
    if (res.status !== 200) throw new Error(`apply: ${res.status} ${await res.text()}`);
    return (await res.json()) as { applied: Record<string, number> };
  });
  console.log(`\n| Step | Rows | Time | Rows/s | BFF RSS idle → peak |`);
  console.log(`|---|---:|---:|---:|---:|`);
  console.log(`| Upload + dry run (csv, ${(size / 1024 / 1024).toFixed(1)} MB) | ${ROWS.toLocaleString('en')} | ${dry.seconds.toFixed(1)} s | ${Math.round(ROWS / dry.seconds)} | ${mb(dry.idle)} → ${mb(dry.peak)} MB |`);
  console.log(`| Apply (create customer + storefront user, no email) | ${APPLY.toLocaleString('en')} | ${applied.seconds.toFixed(1)} s | ${Math.round(APPLY / applied.seconds)} | ${mb(applied.idle)} → ${mb(applied.peak)} MB |`);
  console.log(`\ndry run counts: ${JSON.stringify(dry.result.checked)}; applied: ${JSON.stringify(applied.result.applied)}`);
} finally {
  bff.kill('SIGTERM');
  await new Promise((r) => bff.once('exit', r));
  await rm(dir, { recursive: true, force: true });
}
