import { sweepPendingAudit } from './audit/audit-outbox.js';
import { sweepPendingDeliveries } from './deliveries/delivery-outbox.js';
import './change-follow-ups.js';

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe (every model with `auditOutboxPlugin`), and their
 * changes' follow-up work (change-follow-ups.ts); messages still waiting in outboxes
 * (`deliveryOutboxPlugin`), which join the delivery queue. Answers how many of each it moved.
 */
export async function recoverUnfinishedChanges(): Promise<{ auditEvents: number; messages: number }> {
  const auditEvents = await sweepPendingAudit();
  const messages = await sweepPendingDeliveries();
  return { auditEvents, messages };
}
