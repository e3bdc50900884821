import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { spawnFerretDb } from './embedded-ferretdb.js';
import { startPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { freePort, supervise, type LogLevel } from './supervised-server.js';

/**
 * The embedded database of development and tests: FerretDB (MongoDB's wire protocol) on a
 * PostgreSQL that this process starts itself under `<dataDir>/postgres`, or on an existing one named
 * by `postgresUrl`. Both servers are restarted after a crash and end with this process.
 */
export interface EmbeddedDatabase {
  /** mongodb://… of the FerretDB. */
  uri: string;
  port: number;
  /** postgres://… of the database FerretDB stores in: our index upkeep talks to it directly. */
  postgresUrl: string;
  /** The current FerretDB child process (a new one after a restart), for outage tests. */
  readonly process: ChildProcess;
  /** The current PostgreSQL child process, when embedded. */
  readonly postgresProcess: ChildProcess | null;
  /** Stops both servers (no restart after it) and frees the data directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  binary: string;
  /** Held by this process only (data-dir-lock.ts); PostgreSQL's files go in `postgres/` below it. */
  dataDir: string;
  /** An existing PostgreSQL for FerretDB (POSTGRES_URL); then none is started. */
  postgresUrl?: string;
  port?: number;
  /** Ports the database must not take: the HTTP server's, which it listens on only once the database is up. */
  avoidPorts?: readonly number[];
  database?: string;
  /** Where crashes and restarts are reported. */
  log?: (line: string, level: LogLevel) => void;
  /** First delay before restarting a crashed server; doubles per crash in a row, up to 30 s. */
  restartDelayMs?: number;
  /** Tests: PostgreSQL without fsync. */
  ephemeral?: boolean;
}

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  const log = opts.log ?? (() => {});
  let postgres: EmbeddedPostgres | null = null;
  try {
    let postgresUrl = opts.postgresUrl;
    if (!postgresUrl) {
      postgres = await startPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort(opts.avoidPorts), log, ephemeral: opts.ephemeral });
      postgresUrl = postgres.url;
    }
    const port = opts.port ?? (await freePort(opts.avoidPorts));
    const backend = { postgresqlUrl: postgresUrl };
    const ferret = supervise(`FerretDB on port ${port}`, await spawnFerretDb(opts.binary, backend, port), () => spawnFerretDb(opts.binary, backend, port), log, opts.restartDelayMs);
    const pg = postgres;
    return {
      uri: `mongodb://127.0.0.1:${port}/${opts.database ?? 'storefront'}`,
      port,
      postgresUrl,
      get process() {
        return ferret.process;
      },
      get postgresProcess() {
        return pg?.process ?? null;
      },
      async stop() {
        await ferret.stop();
        await pg?.stop();
        await unlock();
      },
    };
  } catch (err) {
    await postgres?.stop();
    await unlock();
    throw err;
  }
}
