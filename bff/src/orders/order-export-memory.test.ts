/**
 * Issue 15: an export the client cuts off mid-download leaves nothing behind in the BFF — its
 * cursor closed, no response, workbook, zip buffer, row batch or listener retained, the memory
 * back to where it was.
 *
 * Measured in a BFF process of its own (server.ts, started with --expose-gc and test/heap-probe.ts),
 * so that neither the test runner nor the downloading client counts. "Held" is V8's heap in use
 * plus external memory (Buffers, zlib) after full garbage collection; RSS would not shrink back.
 * The probe also counts export responses and workbook writers still alive (WeakRefs): exact, where
 * a retained response's few KB would vanish in the heap's noise.
 *
 * Figures here (2 cores, Node 20, FerretDB on PostgreSQL; the same with both cores kept busy):
 * baseline 62.8 MB held (heap 40.8, external 22.0); mid-export +6.9 to +7.7 MB (the cursor's batch
 * of 100 orders of ~64 KB, and the zip pipeline); after the ROUNDS abandoned exports -0.5 to
 * +0.6 MB, all of it heap: V8 still compiling and caching — over 48 exports it wanders within
 * ±0.4 MB and does not climb. Leaks planted on purpose fail it (measured with batches of 1000
 * orders of ~4 KB): every workbook writer kept, +7 MB and every response and workbook alive; every
 * closed cursor kept, +24 MB; every response kept, all alive (+0.5 MB only, which the bytes alone
 * would miss).
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@app/shared';
import { demoId } from '../seed/demo-ids.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { deploymentEnv, startBff, type BffProcess } from '../test/bff-process.js';
import { insertBulkyOrders } from '../test/bulky-orders.js';
import { DEMO_ACCOUNTS, sessionCookieFrom, testDatabaseUri, useTestDatabase } from '../test/harness.js';
import type { ExportsProbe, HeapProbe } from '../test/heap-probe.js';

useTestDatabase();

const CUSTOMER = 'customer:deposit:3';
const EXPORT = `/api/orders/export.xlsx?customerId=${demoId(CUSTOMER)}`;
const MB = 1024 * 1024;
/** Exports abandoned before the baseline: modules loaded, code compiled, pools filled. */
const WARM_UPS = 3;
/** Exports abandoned between the baseline and the end: a leak of any size shows this many times over. */
const ROUNDS = 5;
/** Over three times the most drift seen (+0.6 MB); under a third of the least that a planted leak added (+7 MB). */
const TOLERANCE = 2 * MB;

let bff: BffProcess;
let cookie: string;

beforeAll(async () => {
  // 1000 orders of ~64 KB (customer and reseller names each just under Excel's 32,767 characters a
  // cell): each batch of 100 (cursor-rows.ts) is ~6 MB, and the file cannot be done before the
  // client hangs up.
  // The bulk in a name no index holds: PostgreSQL refuses an index row over 8 KB (a customer name is an index key).
  await insertBulkyOrders(CUSTOMER, 1000, 48_000, ['resellerName']);
  bff = await startBff(await deploymentEnv(testDatabaseUri()), {
    nodeArgs: ['--expose-gc', '--import', path.join(import.meta.dirname, '../test/heap-probe.ts')],
    ipc: true,
  });
  const res = await fetch(`${bff.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.deposit, password: DEMO_PASSWORD }),
  });
  cookie = sessionCookieFrom(res.headers.getSetCookie());
}, 120_000);

afterAll(async () => {
  await bff?.stop();
});

function ask<T>(question: 'heap' | 'exports'): Promise<T> {
  return new Promise((resolve) => {
    bff.child.once('message', (answer) => resolve(answer as T));
    bff.child.send(question);
  });
}
const heap = () => ask<HeapProbe>('heap');
const exportsNow = () => ask<ExportsProbe>('exports');
const held = (p: HeapProbe) => p.heapUsed + p.external;
const inMb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

/** The least of a few probes, a moment apart: what closing callbacks free is gone, passing allocations do not count. */
async function settledHeap(): Promise<HeapProbe> {
  let least = await heap();
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await heap();
    if (held(next) < held(least)) least = next;
  }
  return least;
}

/** Starts the export; once its first bytes arrive, stops reading and resolves. */
function startedDownload(): Promise<{ hangUp: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${bff.base}${EXPORT}`, { headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        reject(new Error(`export answered ${res.statusCode}`));
      }
      res.once('data', () => {
        res.pause();
        resolve({ hangUp: () => req.destroy() });
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
  });
}

/** One export cut off after its first bytes; the heap as it was mid-export. Resolves once the server has noticed. */
async function abandonedExport(): Promise<HeapProbe> {
  const { aborted } = (await exportsNow()).outcomes;
  const download = await startedDownload();
  const midway = await heap();
  download.hangUp();
  for (let i = 0; i < 200 && (await exportsNow()).outcomes.aborted === aborted; i++) await new Promise((r) => setTimeout(r, 50));
  return midway;
}

describe('a download the client abandons', () => {
  it('leaves nothing behind: cursor closed, no response or workbook alive, memory back to baseline', async () => {
    for (let i = 0; i < WARM_UPS; i++) await abandonedExport();
    const baseline = await settledHeap();
    const midways: HeapProbe[] = [];
    for (let i = 0; i < ROUNDS; i++) midways.push(await abandonedExport());
    const after = await settledHeap();
    const report = [
      `baseline ${inMb(held(baseline))} (heap ${inMb(baseline.heapUsed)}, external ${inMb(baseline.external)})`,
      ...midways.map((m) => `mid-export +${inMb(held(m) - held(baseline))}`),
      `after ${ROUNDS} abandoned: ${inMb(held(after) - held(baseline))} (heap ${inMb(after.heapUsed - baseline.heapUsed)}, external ${inMb(after.external - baseline.external)})`,
    ].join('\n');

    // Each export ended as aborted, and took everything it had with it.
    expect(after.outcomes, report).toEqual({ ...baseline.outcomes, aborted: baseline.outcomes.aborted + ROUNDS });
    expect(after.openCursors, report).toBe(0);
    expect(after.alive, report).toEqual({ responses: 0, workbooks: 0 });
    expect(held(after) - held(baseline), report).toBeLessThan(TOLERANCE);
    // And the probe would have seen it otherwise: mid-export it finds the export's objects, and
    // memory well above the tolerance.
    for (const midway of midways) {
      expect(midway.openCursors, report).toBe(1);
      expect(midway.alive, report).toEqual({ responses: 1, workbooks: 1 });
      expect(held(midway) - held(baseline), report).toBeGreaterThan(2 * TOLERANCE);
    }
    // Eight exports of 6 MB batches: minutes on a machine whose two cores are shared (a hang guard, not a timed step).
  }, 300_000);
});
