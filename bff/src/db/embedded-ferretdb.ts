import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../config.js';

const execFileAsync = promisify(execFile);

export interface EmbeddedDatabase {
  uri: string;
  port: number;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
  /** The child process, for tests that simulate an outage. */
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

export interface StartOptions {
  binary: string;
  /** SQLite files live here; created when missing. */
  dataDir: string;
  port?: number;
  database?: string;
  timeoutMs?: number;
}

/** Starts FerretDB with the SQLite backend on 127.0.0.1 and waits until it accepts connections. */
export async function startFerretDb(opts: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const child = spawn(
    opts.binary,
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped = false;

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`FerretDB exited with code ${child.exitCode} before accepting connections:\n${stderr}`);
    }
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not accept connections on port ${port} within the time limit:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    uri: `mongodb://127.0.0.1:${port}/${opts.database ?? 'storefront'}`,
    port,
    process: child,
    async stop() {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
