import { sweepPendingAudit } from './audit/audit-outbox.js';
import { sweepPendingDeliveries } from './deliveries/delivery-outbox.js';
import './change-follow-ups.js';
import { sweepWaitingDeltas } from './figures/figure-sources.js';
import { finishCreditNotes } from './invoices/credit-note.service.js';
import { finishPendingNumbers } from './invoices/invoice-numbering.js';
import { finishMonthlyInvoices } from './invoices/monthly-invoices.js';
import { finishPayments } from './invoices/payment.service.js';
import { finishPriceLevelDeletes } from './price-levels/price-level-deletes.js';

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe (every model with `auditOutboxPlugin`), and their
 * changes' follow-up work (change-follow-ups.ts); the figure deltas still waiting on changed
 * documents (figures/kept-figures.ts); messages still waiting in outboxes (`deliveryOutboxPlugin`),
 * which join the delivery queue. Answers how many audit events and messages it moved.
 */
export async function recoverUnfinishedChanges(): Promise<{ auditEvents: number; messages: number }> {
  // A number drawn but not written onto its invoice (a crash in between) first: nothing else waits on it.
  await finishPendingNumbers();
  await finishCreditNotes();
  // A monthly invoice stored but not numbered; one numbered but not announced is finished by housekeeping's next round.
  await finishMonthlyInvoices();
  await finishPayments();
  const auditEvents = await sweepPendingAudit();
  // After the sweep: a level being deleted goes once its event is logged.
  await finishPriceLevelDeletes();
  await sweepWaitingDeltas();
  const messages = await sweepPendingDeliveries();
  return { auditEvents, messages };
}
