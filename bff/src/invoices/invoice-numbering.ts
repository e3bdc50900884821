import { Schema, model, type Types } from 'mongoose';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { Invoice } from './invoice.model.js';

/*
 * Invoice and credit-note numbers run per reseller and year without gaps (INV-2026-000123), which
 * a bare `$inc` counter cannot promise: a process dying between drawing a number and writing it
 * onto its document would lose that number for good. So the counter holds, besides `seq`, the one
 * document that drew it and is not yet numbered (`pending`). Drawing is a conditional write that
 * succeeds only while nothing is pending; whoever finds a number pending first writes it onto its
 * document (conditional on that document having none) and clears it, then draws. A document is
 * created (unnumbered) before it draws, so a crash at any point leaves either nothing drawn, or a
 * pending number that the next caller, or the start-up recovery, finishes. Every step is one
 * single-document conditional write, on MongoDB as on FerretDB.
 */

const counterSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, default: 0 },
  pending: { type: Schema.Types.ObjectId, default: null },
});
export const InvoiceCounter = model('InvoiceCounter', counterSchema);

export const PREFIX = { invoice: 'INV', credit_note: 'CN' } as const;

export const counterKey = (kind: keyof typeof PREFIX, resellerId: Types.ObjectId, year: number) => `${PREFIX[kind]}:${resellerId.toHexString()}:${year}`;

/** `INV-2026-000123` from the counter's key and a sequence number. */
export function formatNumber(key: string, seq: number): string {
  const [prefix, , year] = key.split(':');
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
}

interface CounterState {
  seq: number;
  pending: Types.ObjectId | null;
}

/** Writes the pending number onto its document (unless it has one) and clears it from the counter. */
async function finishPending(key: string, c: CounterState & { pending: Types.ObjectId }): Promise<void> {
  await unsafeUnscoped(
    Invoice.updateOne({ _id: c.pending, number: null }, { $set: { number: formatNumber(key, c.seq), seq: c.seq } }),
    'invoices: writing a drawn number onto its document',
  );
  await InvoiceCounter.updateOne({ _id: key, seq: c.seq, pending: c.pending }, { $set: { pending: null } });
}

/**
 * Gives document `id` (an Invoice already stored, unnumbered) the next number of `key`, or answers
 * the one it already has. Safe to run any number of times, from any process, for the same document.
 */
export async function numberDocument(key: string, id: Types.ObjectId): Promise<string> {
  const doc = await unsafeUnscoped(Invoice.findById(id, { number: 1 }), 'invoices: has the document its number').lean();
  if (!doc) throw new Error(`invoice ${id.toHexString()} must be stored before it draws a number`);
  if (doc.number) return doc.number;
  await InvoiceCounter.updateOne({ _id: key }, { $setOnInsert: { seq: 0, pending: null } }, { upsert: true });
  let seen = '';
  let pause = 2;
  for (;;) {
    // Nothing pending: draw (the condition is the lock; `pending` names who drew).
    const claimed = (await InvoiceCounter.findOneAndUpdate({ _id: key, pending: null }, { $inc: { seq: 1 }, $set: { pending: id } }, { returnDocument: 'after' }).lean()) as CounterState | null;
    const c = claimed ?? ((await InvoiceCounter.findById(key).lean()) as CounterState | null);
    if (c?.pending?.equals(id)) {
      // Ours: drawn now, or by an earlier attempt that died before writing it.
      await finishPending(key, { seq: c.seq, pending: c.pending });
      return formatNumber(key, c.seq);
    }
    if (c?.pending) {
      // Someone else's. Its drawer writes it in a moment; seen twice, the drawer may have died: finish it.
      const now = `${c.pending.toHexString()}:${c.seq}`;
      if (now === seen) await finishPending(key, { seq: c.seq, pending: c.pending });
      seen = now;
    }
    // A short, growing, jittered pause: racing drawers queue instead of hammering the one counter.
    await new Promise((resolve) => setTimeout(resolve, pause * (1 + Math.random())));
    pause = Math.min(pause * 2, 40);
  }
}

/** At start-up: any number drawn but not yet written (a crash in between) is written. */
export async function finishPendingNumbers(): Promise<number> {
  const waiting = (await InvoiceCounter.find({ pending: { $ne: null } }).lean()) as (CounterState & { _id: string })[];
  for (const c of waiting) if (c.pending) await finishPending(c._id, { seq: c.seq, pending: c.pending });
  return waiting.length;
}
