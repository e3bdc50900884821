import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/**
 * The child-process plumbing shared by the embedded PostgreSQL and FerretDB: start a server and wait
 * until its port accepts connections, stop it politely then firmly, and restart it after a crash
 * on the same port (so clients reconnect by themselves) with exponential back-off.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface RunningServer {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends, however it ends. */
  exited: Promise<string>;
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * A port free right now, other than `avoid`: a port the caller is about to listen on itself is
 * free too until it does, and the OS may hand it out again meanwhile.
 */
export async function freePort(avoid: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!avoid.includes(port)) return port;
  }
}

function anyFreePort(): Promise<number> {
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

export interface SpawnServerOptions {
  name: string;
  command: string;
  args: string[];
  port: number;
  timeoutMs: number;
  spawnOptions?: SpawnOptions;
  /** The signal that asks for a quick, clean shutdown (PostgreSQL: SIGINT, "fast"). */
  stopSignal?: NodeJS.Signals;
}

/**
 * Spawns a server whose standard input is a pipe held by this process: both of our servers end
 * when it closes, so a killed app leaves no server behind.
 */
export async function spawnServer(opts: SpawnServerOptions): Promise<RunningServer> {
  const child = spawn(opts.command, opts.args, { ...opts.spawnOptions, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  // A failed spawn (binary missing) emits 'error' and maybe no 'exit'.
  const failed = new Promise<string>((resolve) => child.once('error', (err) => resolve(err.message)));

  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const early = await Promise.race([exited, failed, Promise.resolve(null)]);
    if (early !== null) {
      throw new Error(`${opts.name} exited (${early}) before accepting connections:\n${stderr}`);
    }
    if (await canConnect(opts.port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} did not accept connections on port ${opts.port} within the time limit:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    child,
    exited,
    stderrTail: () => (stderr.trim() ? `:\n${stderr.trim().slice(-1000)}` : ''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // A stopped (SIGSTOP) server would not act on a signal; let it run so it can end.
      child.kill('SIGCONT');
      child.kill(opts.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const MAX_RESTART_DELAY_MS = 30_000;
/** A server that ran this long before dying starts the back-off afresh. */
const STABLE_RUN_MS = 60_000;

export interface Supervised {
  /** The current child process (a new one after a restart). */
  readonly process: ChildProcess;
  /** Stops the server with no restart after it; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Keeps a started server running: when it dies unexpectedly it is started again by `start` (same
 * port) after `baseDelayMs`, doubling per crash in a row up to 30 s; each crash and restart is logged.
 */
export function supervise(
  name: string,
  first: RunningServer,
  start: () => Promise<RunningServer>,
  log: (line: string, level: LogLevel) => void,
  baseDelayMs = 500,
): Supervised {
  let server = first;
  let stopped = false;
  let crashesInARow = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const watch = (running: RunningServer) => {
    const startedAt = Date.now();
    void running.exited.then((code) => {
      if (stopped) return;
      if (Date.now() - startedAt >= STABLE_RUN_MS) crashesInARow = 0;
      scheduleRestart(`${name} exited unexpectedly (${code})`, running.stderrTail());
    });
  };
  const scheduleRestart = (why: string, detail = '') => {
    const delay = Math.min(baseDelayMs * 2 ** crashesInARow, MAX_RESTART_DELAY_MS);
    crashesInARow++;
    log(`${why}; restarting it in ${delay} ms${detail}`, 'error');
    restartTimer = setTimeout(async () => {
      if (stopped) return;
      try {
        const next = await start();
        if (stopped) {
          await next.stop();
          return;
        }
        server = next;
        log(`${name} restarted`, 'warn');
        watch(next);
      } catch (err) {
        scheduleRestart(`${name} could not be restarted`, `: ${(err as Error).message}`);
      }
    }, delay);
    restartTimer.unref();
  };
  watch(server);

  return {
    get process() {
      return server.child;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(restartTimer);
      await server.stop();
    },
  };
}
