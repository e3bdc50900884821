import mongoose from 'mongoose';
import { allModels } from './models.js';
import { installSerialisedWrites, isFerretDb } from './serialised-writes.js';

// Before any connection: on FerretDB, conditional writes run under in-process locks.
installSerialisedWrites();

mongoose.set('strictQuery', true);
// Index builds are explicit (syncAllIndexes) so start-up waits for them and failures surface.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', true);

export async function connectDatabase(uri: string, dbName?: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    // Fail fast while the database is down so /api/health answers 503 promptly; the driver
    // keeps monitoring and reconnects by itself when the server is back.
    serverSelectionTimeoutMS: 3000,
    heartbeatFrequencyMS: 2000,
    bufferCommands: false,
    maxPoolSize: 20,
  });
  // Asked once here so a first write does not pay for it (and so the answer is cached per client).
  await isFerretDb(mongoose.connection.getClient());
  return mongoose;
}

export async function syncAllIndexes(): Promise<void> {
  for (const model of allModels) {
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    await model.syncIndexes();
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

/** Resolves when the database answers a ping within `timeoutMs`, rejects otherwise. */
export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
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
