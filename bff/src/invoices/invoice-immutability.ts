import type { Schema } from 'mongoose';

/**
 * What may change on an issued invoice or credit note: only what happens to it afterwards (credit
 * notes and payments against it, the number written once, its announcement and outboxes). What it
 * says — parties, lines, totals, dates — is refused at the model, whoever asks.
 */
const MAY_CHANGE = new Set([
  'creditedCents',
  'creditedLines',
  'creditNoteIds',
  'paidCents',
  'paymentIds',
  'openCents',
  'number',
  'seq',
  'announced',
  'pendingAudit',
  'pendingDeliveries',
  'pendingFigures',
  'updatedAt',
]);

export class ImmutableInvoiceError extends Error {
  constructor(fields: string[]) {
    super(`An issued invoice or credit note cannot be changed (${fields.join(', ')}); issue a credit note instead.`);
    this.name = 'ImmutableInvoiceError';
  }
}

/** The fields an update would set, at their top level (`lines.0.name` → `lines`). */
function touchedFields(update: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(update)) {
    if (key.startsWith('$')) for (const path of Object.keys((value ?? {}) as object)) out.add(path.split('.')[0]!);
    else out.add(key.split('.')[0]!);
  }
  return [...out];
}

export function immutableOnceIssued(schema: Schema): void {
  for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'] as const) {
    schema.pre(op, function (this: { getUpdate(): unknown; op?: string }) {
      if (op === 'replaceOne' || op === 'findOneAndReplace') throw new ImmutableInvoiceError(['the whole document']);
      const refused = touchedFields((this.getUpdate() ?? {}) as Record<string, unknown>).filter((f) => !MAY_CHANGE.has(f));
      if (refused.length > 0) throw new ImmutableInvoiceError(refused);
    });
  }
}
