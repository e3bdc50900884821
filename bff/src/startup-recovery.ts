import { sweepPendingAudit } from './audit/audit-outbox.js';
import './change-follow-ups.js';
import { sweepWaitingDeltas } from './figures/figure-sources.js';

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe (every model with `auditOutboxPlugin`), and their
 * changes' follow-up work (change-follow-ups.ts), then the figure deltas still waiting on changed
 * documents (figures/kept-figures.ts). Returns how many audit events it moved.
 */
export async function recoverUnfinishedChanges(): Promise<number> {
  const moved = await sweepPendingAudit();
  await sweepWaitingDeltas();
  return moved;
}
