// A stalled or dead embedded database: requests fail fast with 503 and the error shape, and the
// BFF recovers without a restart (connect.ts timeouts, embedded-ferretdb.ts restarts). Reads go to
// PostgreSQL directly (postgres-reads/), writes through FerretDB: a stalled FerretDB fails the
// writes while the reads go on; a stalled PostgreSQL fails both.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Types } from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.model.js';
import { flushPendingAudit } from '../audit/audit-outbox.js';
import { Customer } from '../customers/customer.model.js';
import { api, buildTestApp, signIn, testConfig } from '../test/harness.js';
import { demoId } from '../seed/demo-ids.js';
import { openDatabase, type OpenDatabase } from './open-database.js';
import { loadDemoData } from '../seed/load.js';

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

const PAUSE_MS = Number(process.env.PAUSE_MS ?? 9000);

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work;
  return [result, Date.now() - started];
}

/** The postgres processes under the watchdog shell that started them: the postmaster and every backend. */
function postgresServerPids(root: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const p of table.filter((row) => row.ppid === parent)) {
      if (p.comm === 'postgres') found.push(p.pid);
      visit(p.pid);
    }
  };
  visit(root);
  return found;
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return condition();
}

/** The fields a customer save sends, as they are now. */
function editable(c: Record<string, unknown>) {
  const { companyName, email, phone, address, city, country, state, postcode } = c;
  return { companyName, email, phone, address, city, country, state, postcode };
}

/**
 * The next flush of a customer's outbox, once its writes are accepted again: after an outage a
 * document's writes are refused until the database answers again (db/write-lock.ts).
 */
async function flushWhenWritable(id: Types.ObjectId, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await flushPendingAudit(Customer, id);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Asks until the answer has `status` or `timeoutMs` passes; the last status. */
async function answersWithin(ask: () => Promise<{ status: number }>, status: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = (await ask()).status;
  while (last !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = (await ask()).status;
  }
  return last;
}

describe.skipIf(!binary)('a stalled or dead embedded database', () => {
  it('while FerretDB is stopped, writes answer 503 within seconds and reads are still served from PostgreSQL; then writes work again', async () => {
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
      const read = answers.pop()!;
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
      }
      expect(read.status).toBe(200);
      expect(read.body.city).toBe(before.city);
      expect(ms).toBeLessThan(8000);
    } finally {
      child.kill('SIGCONT');
    }

    const [next, ms] = await timed(http.get(`/api/customers/${customerId}`, cookie));
    expect(next.status).toBe(200);
    expect(ms).toBeLessThan(5000);

    // Nothing half-written: the save either did not happen, or happened whole with its audit event
    // (recorded, or still waiting in the document's outbox: the next flush records it, once).
    await flushWhenWritable(customerId);
    const after = (await Customer.collection.findOne({ _id: customerId }))!;
    const recorded = (await AuditEvent.collection.countDocuments({ 'target.id': customerId, action: 'customer.updated' })) - auditsBefore;
    expect(after.pendingAudit ?? []).toEqual([]);
    if (after.revision === before.revision) {
      expect(after.city).toBe(before.city);
      expect(recorded).toBe(0);
    } else {
      expect(after.revision).toBe(before.revision + 1);
      expect(after.city).toBe('Stalled City');
      expect(recorded).toBe(1);
    }
  });

  it('FerretDB paused mid-traffic: every save answers (503) within seconds, reads go on, then saves resume without a restart and nothing is half-written', async () => {
    const target = demoId('customer:cash:4');
    const before = (await Customer.collection.findOne({ _id: target }))!;
    const eventsOfTarget = () => AuditEvent.collection.find({ 'target.id': target, action: 'customer.updated' }).toArray();
    const eventsBefore = new Set((await eventsOfTarget()).map((e) => String(e._id)));
    const fields = { companyName: before.companyName, email: before.email, phone: before.phone, address: before.address, country: before.country, state: before.state, postcode: before.postcode };
    const child = db.embedded!.process;
    const restartsBefore = logged.filter((l) => /restarted/.test(l)).length;

    interface Answer { started: number; ms: number; status: number; kind: string }
    const answers: Answer[] = [];
    /** Each save's city (unique: it names the save) and its answer. */
    const saved: { city: string; status: number }[] = [];
    let running = true;
    const timedCall = async (kind: string, call: () => Promise<{ status: number; body: { revision?: number } }>) => {
      const started = Date.now();
      const res = await call();
      answers.push({ started, ms: Date.now() - started, status: res.status, kind });
      return res;
    };
    // Three readers and one writer (each save on the revision it last read), all the time.
    const reader = async () => {
      while (running) await timedCall('read', () => http.get(`/api/customers/${target}`, cookie));
    };
    const writer = async () => {
      let n = 0;
      while (running) {
        const read = await timedCall('read', () => http.get(`/api/customers/${target}`, cookie));
        if (read.status !== 200) continue;
        const city = `Traffic ${++n}`;
        const save = await timedCall('save', () => http.put(`/api/customers/${target}`, { ...fields, city, revision: read.body.revision }, cookie));
        saved.push({ city, status: save.status });
      }
    };
    const traffic = Promise.all([reader(), reader(), reader(), writer()]);

    await new Promise((r) => setTimeout(r, 1500));
    const pausedAt = Date.now();
    child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, PAUSE_MS));
    child.kill('SIGCONT');
    const resumedAt = Date.now();
    // Back once a save answers 200 again.
    expect(await waitFor(() => answers.some((a) => a.kind === 'save' && a.started > resumedAt && a.status === 200), 15_000)).toBe(true);
    const backAfterMs = Math.min(...answers.filter((a) => a.kind === 'save' && a.started > resumedAt && a.status === 200).map((a) => a.started + a.ms)) - resumedAt;
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await traffic;

    // During the pause: every request answered within seconds; a save 503 unless it had finished first.
    const duringPause = answers.filter((a) => a.started + a.ms > pausedAt && a.started < resumedAt);
    const longest = Math.max(...duringPause.map((a) => a.ms));
    const saves = duringPause.filter((a) => a.kind === 'save');
    const reads = duringPause.filter((a) => a.kind === 'read');
    console.log(`[fault figures] FerretDB paused ${PAUSE_MS / 1000} s mid-traffic: ${duringPause.length} requests during the pause (${saves.length} saves, ${saves.filter((a) => a.status === 503).length} answered 503; ${reads.length} reads, ${reads.filter((a) => a.status === 200).length} served from PostgreSQL), longest ${longest} ms; saves again ${backAfterMs} ms after it resumed`);
    expect(duringPause.length).toBeGreaterThan(0);
    for (const a of duringPause) expect([200, 503], JSON.stringify(a)).toContain(a.status);
    const relative = (a: Answer) => ({ ...a, started: a.started - pausedAt });
    // Saved (200) only if it reached FerretDB before the pause took hold (its remaining reads may then
    // finish from PostgreSQL during the pause) or after the database came back.
    const savedWhileStopped = saves.filter((a) => a.status === 200 && a.started > pausedAt + 500 && a.started + a.ms < resumedAt);
    expect(savedWhileStopped.map(relative)).toEqual([]);
    expect(saves.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    // Reads went on from PostgreSQL.
    expect(reads.filter((a) => a.status === 200 && a.started > pausedAt + 500 && a.started + a.ms < resumedAt).length).toBeGreaterThan(0);
    expect(longest).toBeLessThan(8000);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    // No restart: the same FerretDB process serves on.
    expect(db.embedded!.process.pid).toBe(child.pid);
    expect(logged.filter((l) => /restarted/.test(l)).length).toBe(restartsBefore);

    // Nothing half-written. An event may wait in the outbox after the pause (its copy or its pull
    // failed), even copied already; the next flush records it once. After it, every event has its
    // change and every change its event. Each save is named by its city: an event is the change
    // of the save whose city it sets, made on a state that the one before it or another change left.
    await flushWhenWritable(target);
    const after = (await Customer.collection.findOne({ _id: target }))!;
    expect(after.pendingAudit ?? []).toEqual([]);
    const events = (await eventsOfTarget()).filter((e) => !eventsBefore.has(String(e._id)));
    const eventOf = new Map(events.map((e) => [e.changes.city.to as string, e]));
    const eventSeen = (e: (typeof events)[number]) => ({ id: String(e._id), from: e.changes.city.from, to: e.changes.city.to, at: e.at.getTime() - pausedAt });
    // Each event is a save the writer sent, once, made on a state a change (or the start) left.
    expect(eventOf.size, JSON.stringify(events.map(eventSeen))).toBe(events.length);
    for (const e of events) {
      expect(saved.map((s) => s.city)).toContain(e.changes.city.to);
      expect([before.city, ...eventOf.keys()]).toContain(e.changes.city.from);
    }
    // Each change has its event: every save answered 200, the city the customer has now, and one per revision step.
    for (const s of saved.filter((s) => s.status === 200)) expect(eventOf.has(s.city), s.city).toBe(true);
    expect(eventOf.has(after.city)).toBe(true);
    expect(events.length, JSON.stringify({ events: events.map(eventSeen), saves: saved })).toBe(after.revision - before.revision);
  });

  it('PostgreSQL paused: reads answer 503 within seconds (the reads\' heartbeat), and are served again when it resumes', async () => {
    const postgres = postgresServerPids(db.embedded!.postgresProcess!.pid!);
    expect(postgres.length).toBeGreaterThan(1); // the postmaster and its backends
    expect((await http.get('/api/customers?limit=5', cookie)).status).toBe(200);
    for (const pid of postgres) process.kill(pid, 'SIGSTOP');
    let answers: { status: number; body: unknown }[];
    let ms: number;
    try {
      // One read already waiting when the heartbeat misses (it is cut off), and one after.
      [answers, ms] = await timed(Promise.all([http.get('/api/customers?limit=5', cookie), new Promise((r) => setTimeout(r, 3500)).then(() => http.get(`/api/customers/${customerId}`, cookie))]));
    } finally {
      for (const pid of postgres) process.kill(pid, 'SIGCONT');
    }
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    }
    expect(ms).toBeLessThan(8000);
    console.log(`[fault figures] PostgreSQL paused: both reads answered 503, the last after ${ms} ms in all`);
    expect(await waitFor(() => false, 2500)).toBe(false); // a heartbeat or two
    const [next] = await timed(http.get('/api/customers?limit=5', cookie));
    expect(next.status).toBe(200);
  });

  it('postmaster stopped: once reads answer 503, GET /api/health does too (the same heartbeat), and 200 when it resumes', async () => {
    // Only the postmaster: FerretDB's open connections (their backends) still answer its ping, but
    // no new connection is accepted, so the reads' heartbeat declares PostgreSQL down.
    const all = postgresServerPids(db.embedded!.postgresProcess!.pid!);
    // The postmaster is the one postgres process that is the parent of the others.
    const pid = all.find((p) => postgresServerPids(p).length > 0);
    expect(pid).toBeDefined();
    expect((await http.get('/api/health')).status).toBe(200);
    process.kill(pid!, 'SIGSTOP');
    let health: { status: number; body: unknown };
    try {
      expect(await answersWithin(() => http.get('/api/customers?limit=5', cookie), 503, 15_000)).toBe(503);
      health = await http.get('/api/health');
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
    expect(await answersWithin(() => http.get('/api/health'), 200, 15_000)).toBe(200);
  });

  it("a write whose PostgreSQL connection ends under it (FerretDB: SQLSTATE 57P01) answers 503 database_unavailable, not 500", async () => {
    const admin = new pg.Client({ connectionString: db.embedded!.postgresUrl });
    await admin.connect();
    const statuses: number[] = [];
    try {
      // FerretDB's pool may hand out a fresh connection instead of the one ended: ask again until a
      // write meets an ended one (the first did, every time it was tried).
      for (let i = 0; i < 10 && !statuses.some((s) => s !== 200); i++) {
        const current = (await http.get(`/api/customers/${customerId}`, cookie)).body as { revision: number; companyName: string };
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'FerretDB'`);
        const res = await http.put(`/api/customers/${customerId}`, { ...editable(current), city: `Ended ${i}`, revision: current.revision }, cookie);
        statuses.push(res.status);
        if (res.status !== 200) expect(res.body).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
      }
    } finally {
      await admin.end();
    }
    expect(statuses.at(-1)).toBe(503);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(await answersWithin(() => http.get(`/api/customers/${customerId}`, cookie), 200, 15_000)).toBe(200);
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
