import path from 'node:path';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { connectDatabase, disconnectDatabase, readFromPostgres, syncAllIndexes } from './connect.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { locateFerretDb } from './embedded-ferretdb.js';
import { ensurePostgresIndexes } from './postgres-indexes.js';
import type { LogLevel } from './supervised-server.js';

/** Under DATA_DIR: the embedded database's lock file and PostgreSQL cluster. */
export const EMBEDDED_DIR = 'database';

export interface OpenDatabase {
  uri: string;
  /** Set when this process started FerretDB (and maybe PostgreSQL) itself: no MONGODB_URI. */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or starts the embedded FerretDB on PostgreSQL under DATA_DIR (or on
 * POSTGRES_URL) and connects to it. The embedded database belongs to this process alone: a second
 * one on the same DATA_DIR is refused (DataDirInUseError, a ConfigError), and a crashed server is
 * restarted (supervised-server.ts). On it, the equality indexes that FerretDB cannot make itself
 * are kept up (postgres-indexes.ts).
 */
export async function openDatabase(config: Config, log: (line: string, level?: LogLevel) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    const binary = await locateFerretDb(config.repoRoot, config.FERRETDB_BIN);
    const dataDir = path.join(config.DATA_DIR, EMBEDDED_DIR);
    embedded = await startEmbeddedDatabase({ binary, dataDir, postgresUrl: config.POSTGRES_URL, avoidPorts: [config.PORT], log });
    uri = embedded.uri;
    log(`Embedded FerretDB listening on 127.0.0.1:${embedded.port}, on ${config.POSTGRES_URL ? 'POSTGRES_URL' : `PostgreSQL on 127.0.0.1:${new URL(embedded.postgresUrl).port} (${dataDir})`}`);
  }
  let reads: Awaited<ReturnType<typeof readFromPostgres>> | null = null;
  try {
    await connectDatabase(uri);
    await syncAllIndexes();
    if (embedded) {
      await ensurePostgresIndexes(embedded.postgresUrl, mongoose.connection.name);
      reads = await readFromPostgres(embedded.postgresUrl);
      if (!reads.serving) log('Reads go through FerretDB: POSTGRES_READS=off, or PostgreSQL does not order text byte by byte (a C collation)');
    }
  } catch (err) {
    await reads?.close();
    await embedded?.stop();
    throw err;
  }
  return {
    uri,
    embedded,
    async close() {
      await disconnectDatabase().catch(() => {});
      await reads?.close().catch(() => {});
      await embedded?.stop();
    },
  };
}
