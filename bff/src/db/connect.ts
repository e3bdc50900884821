import mongoose from 'mongoose';
import { registeredModels } from './model-registry.js';
import { readsFor, servePostgresReads } from './postgres-reads/install.js';
import { installSerialisedWrites, isFerretDb } from './serialised-writes.js';

// Before any connection: on FerretDB, conditional writes run under in-process locks.
installSerialisedWrites();

mongoose.set('strictQuery', true);
// Index builds are explicit (syncAllIndexes) so start-up waits for them and failures surface.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', true);

/**
 * Timeouts that turn a stalled or dead database into a prompt 503 instead of a hung request
 * (http/errors.ts maps the driver's errors), while the driver keeps monitoring and reconnects by
 * itself when the server is back.
 */
export const DRIVER_TIMEOUTS = {
  // No server to send to (down, or marked unknown after a failed heartbeat): fail after 3 s.
  serverSelectionTimeoutMS: 3000,
  // The heartbeat asks every second and gives up after connectTimeoutMS; a timed-out heartbeat clears
  // the pool *and interrupts the operations in flight on it*, so a stalled server (SIGSTOP, frozen
  // VM) fails every waiting request within about 1 + 2 s rather than when it wakes up
  // (plus one retry of reads and writes, which waits for server selection).
  heartbeatFrequencyMS: 1000,
  connectTimeoutMS: 2000,
  // Last resort for one round trip that never answers although the server still answers
  // heartbeats. Generous: FerretDB scans whole collections, and a statistics query over a large
  // seeded data set legitimately takes seconds.
  socketTimeoutMS: 30_000,
  // Waiting for a free connection from the pool (all busy): give up rather than queue forever. Not
  // short: a burst of requests on FerretDB (whole-collection reads) keeps all connections busy for
  // seconds, and that is load to queue, not an outage (a stalled server clears the pool at once).
  waitQueueTimeoutMS: 20_000,
} as const;

/** `monitorCommands`: tests watch every write command (test/write-journal.ts); off in the server. */
export async function connectDatabase(uri: string, dbName?: string, options: { monitorCommands?: boolean } = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    ...options,
    ...DRIVER_TIMEOUTS,
    bufferCommands: false,
    maxPoolSize: 20,
  });
  // Asked once here so a first write does not pay for it (and so the answer is cached per client).
  await isFerretDb(mongoose.connection.getClient());
  return mongoose;
}

/**
 * From now on, the connected FerretDB's reads (find, count, the figures' aggregations) are made in
 * its PostgreSQL `postgresUrl` directly (postgres-reads/install.ts). close() ends that.
 */
export function readFromPostgres(postgresUrl: string) {
  return servePostgresReads(mongoose.connection.getClient(), { postgresUrl, database: mongoose.connection.name, models: registeredModels() });
}

export async function syncAllIndexes(): Promise<void> {
  for (const model of registeredModels()) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    await model.syncIndexes();
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/**
 * Resolves when the database answers a ping within `timeoutMs`, rejects otherwise. With reads
 * served from PostgreSQL, also rejects while their heartbeat finds it down: FerretDB's ping goes
 * over a connection it already holds, and answers while PostgreSQL accepts no new one.
 */
export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const outage = readsFor(db.collection('health'))?.outage;
  if (outage) throw outage;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('database ping timed out')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
