import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { readStats } from '../db/postgres-reads/read-stats.js';
import { distinctLinesOf } from './recorded-lines.js';

/**
 * The reads that went to FerretDB instead of PostgreSQL during the suite ("collection op: reason",
 * db/postgres-reads/read-stats.ts), written per test worker and checked after the run
 * (query-shapes.check.ts): a query on an application collection that the SQL cannot serve is
 * either mended or listed there with its reason.
 */
export function writeReadFallbacks(dir: string): void {
  const fallbacks = [...readStats().fallbacks.keys()];
  if (fallbacks.length === 0) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, `${process.pid}.fallbacks`), fallbacks.map((f) => `${f}\n`).join(''));
}

export function readReadFallbacks(dir: string): string[] {
  return distinctLinesOf(dir, '.fallbacks').sort();
}
