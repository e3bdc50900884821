import { sweepPendingAudit } from './audit/audit-outbox.js';
import './change-follow-ups.js';

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe (every model with `auditOutboxPlugin`), and their
 * changes' follow-up work (change-follow-ups.ts). Returns how many events it moved.
 */
export function recoverUnfinishedChanges(): Promise<number> {
  return sweepPendingAudit();
}
