import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../db/supervised-server.js';
import { generateSsoJwk } from '../sso/sso-keys.js';

/** A real BFF process (server.ts, as `pnpm start` runs it) on a port of its own. */
export interface BffProcess {
  base: string;
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output: () => string;
  /** SIGTERM, and resolves once it has exited. */
  stop: () => Promise<void>;
}

const BFF_DIR = path.join(import.meta.dirname, '../..');
const SERVER = path.join(BFF_DIR, 'src/server.ts');

/**
 * What a deployment shares between its processes: the database (`uri`, e.g. the test file's own,
 * named in the path) and the secrets; nothing else.
 */
export async function deploymentEnv(uri: string): Promise<Record<string, string>> {
  return {
    MONGODB_URI: uri,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SSO_SIGNING_KEY: JSON.stringify(await generateSsoJwk()),
    // With the database and both secrets given, nothing is kept there; never the developer's .data.
    DATA_DIR: path.join(os.tmpdir(), 'storefront-test-unused'),
  };
}

/**
 * Starts server.ts with `env` and resolves once /api/health answers (60 s at most: under a full
 * parallel test run the start is slow). `nodeArgs` go before the script, after tsx's loader;
 * `ipc` opens a message channel to the process (`child.send`, `child.on('message')`).
 */
export async function startBff(env: Record<string, string>, opts: { nodeArgs?: string[]; ipc?: boolean } = {}): Promise<BffProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...(opts.nodeArgs ?? []), SERVER], {
    cwd: BFF_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? (['ipc'] as const) : [])],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const bff: BffProcess = {
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${bff.base}/api/health`).then((r) => r.status, () => 0)) === 200) return bff;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await bff.stop();
  throw new Error(`BFF on ${port} did not start:\n${output}`);
}
