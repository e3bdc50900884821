import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE } from './data-dir-lock.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database.js';
import { EMBEDDED_DIR } from './open-database.js';

const bffRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
let owner: EmbeddedDatabase;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'storefront-dirlock-'));
});
afterAll(async () => {
  await owner?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the real BFF entry point on `dataDir` and collects how it ends. */
function startSecondBff(): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, FERRETDB_BIN: inject('ferretDbBinary'), PORT: '0', NODE_ENV: 'development', LOG_LEVEL: 'error' };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: bffRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    }),
  );
}

describe.skipIf(!inject('ferretDbBinary'))('the embedded database serves one process', () => {
  it('refuses a second BFF on the same DATA_DIR with a clear message, and a second open in this process', async () => {
    owner = await startEmbeddedDatabase({ binary: inject('ferretDbBinary'), dataDir: path.join(dataDir, EMBEDDED_DIR), ephemeral: true });
    expect((await readFile(path.join(dataDir, EMBEDDED_DIR, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));

    const second = await startSecondBff();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is already in use by process ${process.pid}`);
    expect(second.stderr).toContain('MONGODB_URI');

    await expect(startEmbeddedDatabase({ binary: inject('ferretDbBinary'), dataDir: path.join(dataDir, EMBEDDED_DIR), ephemeral: true })).rejects.toBeInstanceOf(DataDirInUseError);
    await owner.stop();
    await expect(readFile(path.join(dataDir, EMBEDDED_DIR, LOCK_FILE), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('takes over a lock file left by a process that is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => gone.once('exit', () => resolve(gone.pid!)));
    await writeFile(path.join(dataDir, EMBEDDED_DIR, LOCK_FILE), `${deadPid}\n`);
    owner = await startEmbeddedDatabase({ binary: inject('ferretDbBinary'), dataDir: path.join(dataDir, EMBEDDED_DIR), ephemeral: true });
    expect((await readFile(path.join(dataDir, EMBEDDED_DIR, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
  });
});
