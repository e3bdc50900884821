import { sweepPendingAudit } from './audit/audit-outbox.js';
import { refreshStorefrontAccessOfUser } from './customers/customer-access.js';
import { Customer } from './customers/customer.model.js';
import { User } from './users/user.model.js';

/**
 * Finishes what a crash or a failed write left half-done: audit events still waiting in the
 * outboxes of the documents they describe, and the storefront-access mark of a customer whose
 * user changed. Returns how many events it moved.
 */
export function recoverUnfinishedChanges(): Promise<number> {
  return sweepPendingAudit([Customer, User], async (model, id) => {
    if (model === User) await refreshStorefrontAccessOfUser(id);
  });
}
