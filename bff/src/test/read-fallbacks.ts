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
  const { fallbacks, mismatches } = readStats();
  mkdirSync(dir, { recursive: true });
  if (fallbacks.size > 0) appendFileSync(path.join(dir, `${process.pid}.fallbacks`), [...fallbacks.keys()].map((f) => `${f}\n`).join(''));
  // Answers that differed from FerretDB's (db/postgres-reads/differential-check.ts), one per line.
  if (mismatches.length > 0) appendFileSync(path.join(dir, `${process.pid}.mismatches`), mismatches.map((m) => `${m.replace(/\n/g, ' ')}\n`).join(''));
}

export function readReadFallbacks(dir: string): string[] {
  return distinctLinesOf(dir, '.fallbacks').sort();
}

export function readReadMismatches(dir: string): string[] {
  return distinctLinesOf(dir, '.mismatches').sort();
}
