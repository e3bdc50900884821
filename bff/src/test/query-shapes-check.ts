import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Schema } from 'mongoose';
import { allModels } from '../models.js';
import { tenantPlugin } from '../tenancy/tenant-plugin.js';
import { readRecordedShapes, unservedShapes, type DeclaredIndexes, type QueryShape } from './query-shapes.js';

/**
 * Queries that read a whole collection on purpose, on MongoDB as here: periodic or start-up
 * maintenance over every document, never on a request's path. Each with its reason.
 */
const WHOLE_COLLECTION_BY_DESIGN: Record<string, string> = {
  'audit/audit-outbox.ts find': 'start-up sweep for audit events a crash left waiting, across every tenant',
  'figures/kept-figures.ts find': 'start-up sweep for figure deltas a crash left waiting, across every tenant',
  'overview/figure-reconciliation.ts find': 'start-up check for distributors whose figures were never counted (a handful of documents)',
  'deliveries/delivery-outbox.ts find': 'start-up sweep for messages a crash left in outboxes, across every tenant',
  'auth/token-retention.ts deleteMany': 'housekeeping: spent links, across every user',
  'mail/outbox-retention.ts deleteMany': 'housekeeping: old development mail (absent in production)',
  'auth/rate-limit-store.ts deleteMany': 'housekeeping: sign-in counters past their window',
  'invoices/invoice-numbering.ts find': 'start-up recovery: numbering counters with a drawn number still pending (one counter per reseller and year)',
  'price-levels/price-level-deletes.ts find': 'start-up recovery: levels whose deletion a crash cut short (a handful of levels per reseller)',
  'price-levels/price-level-migration.ts find': 'start-up migration: every reseller gets its default price level (idempotent, a no-op once done)',
};

function declaredIndexes(): DeclaredIndexes[] {
  return allModels.map((model) => {
    const schema = model.schema as Schema & { plugins: { fn: unknown; opts?: { distributor?: string } }[] };
    const tenant = schema.plugins.find((p) => p.fn === tenantPlugin)?.opts;
    return {
      collection: model.collection.collectionName,
      indexes: schema.indexes().map(([fields]) => Object.keys(fields)),
      tenantKey: tenant?.distributor ?? null,
    };
  });
}

const describe = (s: QueryShape) =>
  `${s.collection}.${s.op} eq [${s.eq.join(', ')}] range [${s.range.join(', ')}] sort [${s.sort.join(', ')}] from ${s.caller}`;

/** Every recorded shape is served by an index, or the list of those that are not. */
export async function checkQueryShapes(dir: string): Promise<{ shapes: number; unserved: string[] }> {
  const shapes = readRecordedShapes(dir);
  const unserved = unservedShapes(shapes, declaredIndexes()).filter((s) => !WHOLE_COLLECTION_BY_DESIGN[`${s.caller} ${s.op}`]);
  const report = [`${shapes.length} query shapes recorded, ${unserved.length} without a serving index`, '', ...shapes.map(describe).sort()].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'report.txt'), `${report}\n`);
  return { shapes: shapes.length, unserved: unserved.map(describe) };
}
