import path from 'node:path';
import type { Config } from '../config.js';
import { connectDatabase, disconnectDatabase, syncAllIndexes } from './connect.js';
import { locateFerretDb, startFerretDb, type EmbeddedDatabase, type LogLevel } from './embedded-ferretdb.js';

export interface OpenDatabase {
  uri: string;
  /** Set when this process started FerretDB itself (no MONGODB_URI). */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or starts the embedded FerretDB under DATA_DIR and connects to it. The
 * embedded database belongs to this process alone: a second one on the same DATA_DIR is refused
 * (DataDirInUseError, a ConfigError), and a crashed FerretDB is restarted (embedded-ferretdb.ts).
 */
export async function openDatabase(config: Config, log: (line: string, level?: LogLevel) => void): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let uri = config.MONGODB_URI;
  if (!uri) {
    const binary = await locateFerretDb(config.repoRoot, config.FERRETDB_BIN);
    embedded = await startFerretDb({ binary, dataDir: path.join(config.DATA_DIR, 'ferretdb'), log });
    uri = embedded.uri;
    log(`Embedded FerretDB listening on 127.0.0.1:${embedded.port} (data in ${config.DATA_DIR}/ferretdb)`);
  }
  try {
    await connectDatabase(uri);
    await syncAllIndexes();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return {
    uri,
    embedded,
    async close() {
      await disconnectDatabase().catch(() => {});
      await embedded?.stop();
    },
  };
}
