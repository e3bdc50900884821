// The PostgreSQL under the embedded FerretDB: a crashed server is restarted and the data is still
// there; a lock file left behind does not stop the next start.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';

const binary = inject('ferretDbBinary');
const logged: string[] = [];
let dir: string;
let db: EmbeddedDatabase | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'storefront-pg-'));
});
afterAll(async () => {
  await db?.stop();
  await rm(dir, { recursive: true, force: true });
});

const postmasterPid = async () => Number((await readFile(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);

async function eventually<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe.skipIf(!binary)('the embedded PostgreSQL', () => {
  it('is restarted after it is killed, with the data written before', async () => {
    db = await startEmbeddedDatabase({ binary, dataDir: dir, log: (line) => logged.push(line) });
    const client = new mongoose.mongo.MongoClient(db.uri, { serverSelectionTimeoutMS: 2000 });
    try {
      await client.db('crash').collection('things').insertOne({ _id: 'kept' as never, n: 1 });
      process.kill(await postmasterPid(), 'SIGKILL');
      await eventually(async () => expect(logged.some((l) => /PostgreSQL on port \d+ restarted/.test(l))).toBe(true), 30_000);
      expect(logged.some((l) => /PostgreSQL on port \d+ exited unexpectedly/.test(l))).toBe(true);
      const found = await eventually(() => client.db('crash').collection('things').findOne({ _id: 'kept' as never }), 30_000);
      expect(found).toMatchObject({ n: 1 });
    } finally {
      await client.close();
    }
    await db.stop();
    db = undefined;
  });

  it('starts although postmaster.pid names a live process that is not PostgreSQL (a reused PID)', async () => {
    const stranger = spawn('sleep', ['60']);
    try {
      await writeFile(path.join(dir, 'postgres', 'postmaster.pid'), `${stranger.pid}\n${path.join(dir, 'postgres')}\n`);
      db = await startEmbeddedDatabase({ binary, dataDir: dir });
      const client = new mongoose.mongo.MongoClient(db.uri, { serverSelectionTimeoutMS: 5000 });
      try {
        expect(await client.db('crash').collection('things').countDocuments()).toBe(1);
      } finally {
        await client.close();
      }
    } finally {
      stranger.kill();
    }
  });
});
