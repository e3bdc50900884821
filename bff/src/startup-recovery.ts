import type { Model, Types } from 'mongoose';
import { sweepPendingAudit } from './audit/audit-outbox.js';
import { refreshStorefrontAccessOfUser } from './customers/customer-access.js';
import { User } from './users/user.model.js';

/**
 * A change's follow-up work, by the model it changed: a change whose audit event was left waiting
 * may not have had it done either. Models without follow-up work need no entry; every model with
 * an outbox is swept anyway (the registry of `auditOutboxPlugin`).
 */
const FOLLOW_UPS = new Map<Model<any>, (id: Types.ObjectId) => Promise<void>>([[User, refreshStorefrontAccessOfUser]]); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe, and their changes' follow-up work. Returns how many
 * events it moved.
 */
export function recoverUnfinishedChanges(): Promise<number> {
  return sweepPendingAudit(undefined, async (model, id) => {
    await FOLLOW_UPS.get(model)?.(id);
  });
}
