import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../config.js';
import { spawnServer, type RunningServer } from './supervised-server.js';

const execFileAsync = promisify(execFile);

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

/** Where FerretDB keeps its data. SQLite only for the benchmark's comparison (bench-db.ts). */
export type FerretDbBackend = { postgresqlUrl: string } | { sqliteDir: string };

/**
 * PostgreSQL's prepared statements fall back to a generic plan after five runs, and a generic plan
 * cannot use the GIN index for `_jsonb->'resellerId' @> $2` (postgres-indexes.ts): always plan
 * with the actual values.
 */
export function ferretDbPostgresUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('plan_cache_mode', 'force_custom_plan');
  return u.toString();
}

export function spawnFerretDb(binary: string, backend: FerretDbBackend, port: number, timeoutMs = 30_000): Promise<RunningServer> {
  const backendArgs =
    'postgresqlUrl' in backend
      ? ['--handler=postgresql', `--postgresql-url=${ferretDbPostgresUrl(backend.postgresqlUrl)}`]
      : ['--handler=sqlite', `--sqlite-url=file:${path.resolve(backend.sqliteDir)}/`];
  return spawnServer({
    name: `FerretDB on port ${port}`,
    command: binary,
    args: [...backendArgs, `--listen-addr=127.0.0.1:${port}`, '--log-level=warn', '--exit-on-stdin-close'],
    port,
    timeoutMs,
  });
}
