import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';

const execFileAsync = promisify(execFile);

export interface EmbeddedDatabase {
  uri: string;
  port: number;
  /** Stops the server (no restart after it) and frees the data directory; safe to call twice. */
  stop(): Promise<void>;
  /** The current child process (a new one after a restart), for tests that simulate an outage. */
  readonly process: ChildProcess;
}

/** Finds (or builds, once) the FerretDB binary through scripts/build-ferretdb.sh. */
export async function locateFerretDb(repoRoot: string, override?: string): Promise<string> {
  if (override) return override;
  try {
    const { stdout } = await execFileAsync('bash', [path.join(repoRoot, 'scripts/build-ferretdb.sh')], {
      maxBuffer: 1 << 20,
    });
    return stdout.trim().split('\n').at(-1) ?? '';
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new ConfigError(stderr || `Could not build FerretDB: ${(err as Error).message}`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface StartOptions {
  binary: string;
  /** SQLite files live here; created when missing. Held by this process only (data-dir-lock.ts). */
  dataDir: string;
  port?: number;
  database?: string;
  timeoutMs?: number;
  /** Where restarts after a crash are reported. */
  log?: (line: string, level: LogLevel) => void;
  /** First delay before restarting a crashed server; doubles per crash in a row, up to 30 s. */
  restartDelayMs?: number;
}

const MAX_RESTART_DELAY_MS = 30_000;
/** A server that ran this long before dying starts the back-off afresh. */
const STABLE_RUN_MS = 60_000;

/**
 * Starts FerretDB with the SQLite backend on 127.0.0.1 and waits until it accepts connections.
 * If it dies later, it is started again on the same port (so the driver reconnects by itself) with
 * exponential back-off, and each crash and restart is logged.
 */
export async function startFerretDb(opts: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  const log = opts.log ?? (() => {});
  const port = opts.port ?? (await freePort());
  let server: RunningServer;
  try {
    server = await spawnServer(opts.binary, dataDir, port, opts.timeoutMs ?? 30_000);
  } catch (err) {
    await unlock();
    throw err;
  }

  let stopped = false;
  let crashesInARow = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const baseDelay = opts.restartDelayMs ?? 500;

  const supervise = (running: RunningServer) => {
    const startedAt = Date.now();
    void running.exited.then((code) => {
      if (stopped) return;
      if (Date.now() - startedAt >= STABLE_RUN_MS) crashesInARow = 0;
      scheduleRestart(`FerretDB on port ${port} exited unexpectedly (${code})`, running.stderrTail());
    });
  };
  const scheduleRestart = (why: string, detail = '') => {
    const delay = Math.min(baseDelay * 2 ** crashesInARow, MAX_RESTART_DELAY_MS);
    crashesInARow++;
    log(`${why}; restarting it in ${delay} ms${detail}`, 'error');
    restartTimer = setTimeout(async () => {
      if (stopped) return;
      try {
        const next = await spawnServer(opts.binary, dataDir, port, opts.timeoutMs ?? 30_000);
        if (stopped) {
          await next.stop();
          return;
        }
        server = next;
        log(`FerretDB restarted on port ${port}`, 'warn');
        supervise(next);
      } catch (err) {
        scheduleRestart('FerretDB could not be restarted', `: ${(err as Error).message}`);
      }
    }, delay);
    restartTimer.unref();
  };
  supervise(server);

  return {
    uri: `mongodb://127.0.0.1:${port}/${opts.database ?? 'storefront'}`,
    port,
    get process() {
      return server.child;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(restartTimer);
      await server.stop();
      await unlock();
    },
  };
}

interface RunningServer {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends, however it ends. */
  exited: Promise<string>;
  stderrTail(): string;
  stop(): Promise<void>;
}

async function spawnServer(binary: string, dataDir: string, port: number, timeoutMs: number): Promise<RunningServer> {
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--log-level=warn',
      '--exit-on-stdin-close',
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  // A failed spawn (binary missing) emits 'error' and maybe no 'exit'.
  const failed = new Promise<string>((resolve) => child.once('error', (err) => resolve(err.message)));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const early = await Promise.race([exited, failed, Promise.resolve(null)]);
    if (early !== null) {
      throw new Error(`FerretDB exited (${early}) before accepting connections:\n${stderr}`);
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not accept connections on port ${port} within the time limit:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    child,
    exited,
    stderrTail: () => (stderr.trim() ? `:\n${stderr.trim().slice(-1000)}` : ''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // A stopped (SIGSTOP) server would not act on SIGTERM; let it run so it can end.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
