import { Schema, model, type Types } from 'mongoose';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { inTurn } from '../lib/in-turn.js';
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

/**
 * Writes the pending number onto its document (unless it has one) and clears it from the counter.
 * A document numbered already (another caller for the same document drew and wrote first, and this
 * draw came after) gives the drawn number back: while `pending` is set nobody else draws, so taking
 * `seq` back by one, on the condition of this very (seq, pending), leaves no gap.
 */
async function finishPending(key: string, c: CounterState & { pending: Types.ObjectId }): Promise<void> {
  const drawn = formatNumber(key, c.seq);
  const res = await unsafeUnscoped(
    Invoice.updateOne({ _id: c.pending, number: null }, { $set: { number: drawn, seq: c.seq } }),
    'invoices: writing a drawn number onto its document',
  );
  if (res.modifiedCount === 0) {
    const doc = await unsafeUnscoped(Invoice.findById(c.pending, { number: 1 }), 'invoices: was the document numbered by another draw').lean();
    if (doc?.number && doc.number !== drawn) {
      await InvoiceCounter.updateOne({ _id: key, seq: c.seq, pending: c.pending }, { $inc: { seq: -1 }, $set: { pending: null } });
      return;
    }
  }
  await InvoiceCounter.updateOne({ _id: key, seq: c.seq, pending: c.pending }, { $set: { pending: null } });
}

/** The number a stored document has, or null. */
const numberOf = async (id: Types.ObjectId) => (await unsafeUnscoped(Invoice.findById(id, { number: 1 }), 'invoices: has the document its number').lean())?.number ?? null;

/**
 * Gives document `id` (an Invoice already stored, unnumbered) the next number of `key`, or answers
 * the one it already has. Safe to run any number of times, from any process, for the same document.
 */
export async function numberDocument(key: string, id: Types.ObjectId): Promise<string> {
  const doc = await unsafeUnscoped(Invoice.findById(id, { number: 1 }), 'invoices: has the document its number').lean();
  if (!doc) throw new Error(`invoice ${id.toHexString()} must be stored before it draws a number`);
  if (doc.number) return doc.number;
  // Racers here queue (50 racers otherwise sent 50 failing conditional writes per number drawn).
  return inTurn(`invoice-number:${key}`, () => draw(key, id));
}

async function draw(key: string, id: Types.ObjectId): Promise<string> {
  await InvoiceCounter.updateOne({ _id: key }, { $setOnInsert: { seq: 0, pending: null } }, { upsert: true });
  let seen = '';
  let pause = 2;
  for (;;) {
    const now = (await InvoiceCounter.findById(key).lean()) as CounterState | null;
    // Nothing pending: draw (the condition is the lock; `pending` names who drew). Asked by a read
    // first, so that a drawer in another process is not queued behind our failing writes.
    const claimed = now?.pending
      ? null
      : ((await InvoiceCounter.findOneAndUpdate({ _id: key, pending: null }, { $inc: { seq: 1 }, $set: { pending: id } }, { returnDocument: 'after' }).lean()) as CounterState | null);
    const c = claimed ?? (now?.pending ? now : ((await InvoiceCounter.findById(key).lean()) as CounterState | null));
    if (c?.pending?.equals(id)) {
      // Ours: drawn now, or by an earlier attempt (or a racing caller for the same document).
      await finishPending(key, { seq: c.seq, pending: c.pending });
      const number = await numberOf(id);
      if (!number) throw new Error(`invoice ${id.toHexString()} went away while it was numbered`);
      return number;
    }
    if (c?.pending) {
      // Someone else's. Its drawer writes it in a moment; seen twice, the drawer may have died: finish it.
      const state = `${c.pending.toHexString()}:${c.seq}`;
      if (state === seen) await finishPending(key, { seq: c.seq, pending: c.pending });
      seen = state;
    }
    // A short, growing, jittered pause: racing drawers queue instead of hammering the one counter.
    await new Promise((resolve) => setTimeout(resolve, pause * (1 + Math.random())));
    pause = Math.min(pause * 2, 40);
    // Numbered meanwhile by another caller for the same document: nothing to draw.
    const meanwhile = await numberOf(id);
    if (meanwhile) return meanwhile;
  }
}

/** At start-up: any number drawn but not yet written (a crash in between) is written. */
export async function finishPendingNumbers(): Promise<number> {
  const waiting = (await InvoiceCounter.find({ pending: { $ne: null } }).lean()) as (CounterState & { _id: string })[];
  for (const c of waiting) if (c.pending) await finishPending(c._id, { seq: c.seq, pending: c.pending });
  return waiting.length;
}
