import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded-database.js';
import { locateFerretDb } from '../db/embedded-ferretdb.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

declare module 'vitest' {
  export interface ProvidedContext {
    mongoBaseUri: string;
    ferretDbBinary: string;
    /** The PostgreSQL under the run's FerretDB ('' with MONGODB_URI): equality indexes go there. */
    postgresUrl: string;
    /** Where the workers record the shapes of the application's queries (query-shapes.ts). */
    queryShapesDir: string;
  }
}

/**
 * Starts one embedded database (FerretDB on PostgreSQL, in a temporary directory, on free ports) for
 * the whole run, or uses MONGODB_URI when given, and removes it all afterwards.
 */
export default async function setup(project: TestProject) {
  const binary = process.env.MONGODB_URI ? '' : await locateFerretDb(repoRoot, process.env.FERRETDB_BIN);
  let db: EmbeddedDatabase | null = null;
  let dir: string | null = null;
  let baseUri = process.env.MONGODB_URI ?? '';
  if (!baseUri) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'storefront-test-db-'));
    db = await startEmbeddedDatabase({ binary, dataDir: dir, postgresUrl: process.env.POSTGRES_URL || undefined, ephemeral: true });
    baseUri = db.uri;
  }
  // Test files pick their own database name (dbName), so one server serves them all in parallel.
  project.provide('mongoBaseUri', baseUri);
  project.provide('ferretDbBinary', binary);
  project.provide('postgresUrl', db?.postgresUrl ?? '');
  const shapesDir = path.join(repoRoot, '.tmp/query-shapes');
  await rm(shapesDir, { recursive: true, force: true });
  project.provide('queryShapesDir', shapesDir);
  return async () => {
    await db?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
