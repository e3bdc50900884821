import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../config.js';

/**
 * One process per embedded database. The conditional writes on FerretDB are made atomic by locks
 * inside this process (serialised-writes.ts), so a second process writing the same files would
 * silently break that guarantee. The owner writes its PID into `<dataDir>/owner.pid`, created
 * exclusively; a file naming a process that no longer runs (a crash, kill -9) is taken over.
 */

export const LOCK_FILE = 'owner.pid';

/** Data directories this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

export class DataDirInUseError extends ConfigError {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is already in use by process ${pid} (another Storefront Admin, ` +
        'or `pnpm seed`). It serves one process only: stop that process first, or point every instance at ' +
        `a shared MongoDB with MONGODB_URI. If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes the data directory for this process; resolves with the function that gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  if (heldHere.has(dir)) throw new DataDirInUseError(dir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DataDirInUseError(dir, (await ownerOf(file)) ?? 0);
        throw err;
      }
      const owner = await ownerOf(file);
      if (owner !== null && isRunning(owner)) throw new DataDirInUseError(dir, owner);
      // Stale: its owner is gone. Removed and created again exclusively, so of two processes
      // taking over at once only one succeeds (the other sees EEXIST on its second attempt).
      await unlink(file).catch(() => {});
    }
  }
  heldHere.add(dir);
  const releaseOnExit = () => releaseSync(file, dir);
  process.once('exit', releaseOnExit);
  return async () => {
    process.off('exit', releaseOnExit);
    if (!heldHere.delete(dir)) return;
    if ((await ownerOf(file)) === process.pid) await unlink(file).catch(() => {});
  };
}

async function ownerOf(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Whether `pid` is a live process that could be an owner. Our own PID in the file (and not held
 * here) is a previous life of a container whose PIDs restart from the same numbers.
 */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // On Linux, a PID reused by an unrelated program (not node) does not hold the directory.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

function releaseSync(file: string, dir: string): void {
  if (!heldHere.delete(dir)) return;
  try {
    if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) {
      unlinkSync(file); // sync: 'exit' handlers cannot wait
    }
  } catch {
    // Already gone.
  }
}
