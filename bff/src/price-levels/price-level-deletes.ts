import type { Types } from 'mongoose';
import { flushPendingAudit } from '../audit/audit-outbox.js';
import { unsafeUnscoped } from '../tenancy/tenant-plugin.js';
import { PriceLevel } from './price-level.model.js';

/*
 * A level's deletion is decided by one write that marks it `deleting` and puts the deletion's audit
 * event in its outbox; the level is removed only once that event is in the audit log, so a crash in
 * between never takes the event away with the document.
 */

/** Deletes a level marked for deletion once nothing waits in its outbox (its event is in the audit log). */
export async function removeIfLogged(id: Types.ObjectId): Promise<void> {
  await unsafeUnscoped(PriceLevel.deleteOne({ _id: id, deleting: true, 'pendingAudit.0': { $exists: false } }), 'price levels: removing a deleted level whose event is logged');
}

/** At start-up: finishes deletions a crash cut short (the event moved first, then the level removed). */
export async function finishPriceLevelDeletes(): Promise<number> {
  const marked = await unsafeUnscoped(PriceLevel.find({ deleting: true }, { _id: 1 }), 'price levels: deletions left half-done').lean();
  for (const { _id } of marked) {
    await flushPendingAudit(PriceLevel, _id);
    await removeIfLogged(_id);
  }
  return marked.length;
}
