// A stalled or dead embedded database: requests fail fast with 503 and the error shape, and the
// BFF recovers without a restart (connect.ts timeouts, embedded-ferretdb.ts restarts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { Customer } from '../customers/customer.model.js';
import { api, buildTestApp, signIn, testConfig } from '../test/harness.js';
import { demoId } from './demo-ids.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { loadDemoData } from './seed/load.js';

const binary = inject('ferretDbBinary');
const app = buildTestApp();
const http = api(app);
const customerId = demoId('customer:cash:3');
const logged: string[] = [];
let dir: string;
let db: OpenDatabase;
let cookie: string;

beforeAll(async () => {
  if (!binary) return;
  // A FerretDB of this file's own (openDatabase, as the server starts it), so stopping it leaves
  // the other test files alone.
  dir = await mkdtemp(path.join(os.tmpdir(), 'storefront-outage-'));
  db = await openDatabase(testConfig({ DATA_DIR: dir, FERRETDB_BIN: binary }), (line) => logged.push(line));
  await loadDemoData();
  cookie = await signIn(app, 'cash');
});

afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work;
  return [result, Date.now() - started];
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

describe.skipIf(!binary)('a stalled or dead embedded database', () => {
  it('answers 503 within seconds while FerretDB is stopped, then serves the next request once it runs again', async () => {
    const before = (await Customer.collection.findOne({ _id: customerId }))!;
    const auditsBefore = await AuditEvent.collection.countDocuments({ 'target.id': customerId, action: 'customer.updated' });
    const child = db.embedded!.process;
    child.kill('SIGSTOP');
    try {
      const fields = { companyName: before.companyName, email: before.email, phone: before.phone, address: before.address, city: 'Stalled City', country: before.country, state: before.state, postcode: before.postcode };
      // Ten racing saves (queued behind one another for the document's write lock) and a read.
      const [answers, ms] = await timed(
        Promise.all([
          ...Array.from({ length: 10 }, () => http.put(`/api/customers/${customerId}`, { ...fields, revision: before.revision }, cookie)),
          http.get(`/api/customers/${customerId}`, cookie),
        ]),
      );
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
      }
      expect(ms).toBeLessThan(8000);
    } finally {
      child.kill('SIGCONT');
    }

    const [next, ms] = await timed(http.get(`/api/customers/${customerId}`, cookie));
    expect(next.status).toBe(200);
    expect(ms).toBeLessThan(5000);

    // Nothing half-written: the save either did not happen, or happened whole with its audit event
    // (recorded, or still waiting in the document's outbox for the next sweep).
    await new Promise((r) => setTimeout(r, 500));
    const after = (await Customer.collection.findOne({ _id: customerId }))!;
    const recorded = (await AuditEvent.collection.countDocuments({ 'target.id': customerId, action: 'customer.updated' })) - auditsBefore;
    const waiting = (after.pendingAudit ?? []).length;
    if (after.revision === before.revision) {
      expect(after.city).toBe(before.city);
      expect(recorded + waiting).toBe(0);
    } else {
      expect(after.revision).toBe(before.revision + 1);
      expect(after.city).toBe('Stalled City');
      expect(recorded + waiting).toBe(1);
    }
  });

  it('restarts a killed FerretDB on the same port, logs it, and requests succeed again', async () => {
    const first = db.embedded!.process;
    first.kill('SIGKILL');
    expect(await waitFor(() => logged.some((l) => /restarted/.test(l)), 20_000)).toBe(true);
    expect(logged.some((l) => /exited unexpectedly \(signal SIGKILL\); restarting it in \d+ ms/.test(l))).toBe(true);
    expect(db.embedded!.process.pid).not.toBe(first.pid);

    let res = await http.get(`/api/customers/${customerId}`, cookie);
    // The driver may still be between heartbeats; the one after answers.
    if (res.status === 503) res = await http.get(`/api/customers/${customerId}`, cookie);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(String(customerId));
  });
});
