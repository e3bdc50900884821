/**
 * What the PostgreSQL reads served and what they left to FerretDB, with the reason: for tests (a
 * query the suite sends should not fall back without a reason we accept) and for diagnostics.
 */
export interface ReadStats {
  served: { find: number; count: number; group: number };
  /** "collection op: reason" → how many times. */
  fallbacks: Map<string, number>;
  /** Answers that differed from FerretDB's under the suite's differential check (differential-check.ts). */
  mismatches: string[];
}

const stats: ReadStats = { served: { find: 0, count: 0, group: 0 }, fallbacks: new Map(), mismatches: [] };

export function noteServed(op: 'find' | 'count' | 'group'): void {
  stats.served[op]++;
}

export function noteFallback(collection: string, op: string, reason: string): void {
  const key = `${collection} ${op}: ${reason}`;
  stats.fallbacks.set(key, (stats.fallbacks.get(key) ?? 0) + 1);
}

export function noteMismatch(what: string): void {
  stats.mismatches.push(what);
}

export function readStats(): ReadStats {
  return { served: { ...stats.served }, fallbacks: new Map(stats.fallbacks), mismatches: [...stats.mismatches] };
}

/**
 * Forgets the fallbacks noted so far: for the read layer's own tests, which send FerretDB's
 * queries on purpose; the suite's check lists only what the application sends.
 */
export function forgetFallbacks(): void {
  stats.fallbacks.clear();
}

/** Forgets the mismatches noted so far: for the differential check's own test, which makes one on purpose. */
export function forgetMismatches(): void {
  stats.mismatches.length = 0;
}
