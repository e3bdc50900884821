import { settleAudit, pushAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { Customer } from '../customers/customer.model.js';
import { getCustomer } from '../customers/customer.service.js';
import { conflict, forbidden } from '../errors/app-error.js';
import { customerNotePolicy } from '../policies/customer-note.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';

/**
 * Puts the customer on the watch list with `text`, or off it with an empty text. Conditional on
 * the customer's revision the editor saw, so of two people changing it at once one wins and the
 * other is told (409), and every change is audited with what it replaced.
 */
export async function setWatchNote(actor: Actor, customerId: string, text: string, revision: number) {
  const { principal, scope } = actor;
  customerNotePolicy.authorize(principal, 'watchNote.set', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const from = customer.watchNote?.text ?? null;
  const to = text === '' ? null : text;
  if (from === to && customer.revision === revision) return getCustomer(scope, customerId);
  const event = auditEventFor(actor, {
    action: to === null ? 'customer.watch_note_cleared' : 'customer.watch_note_set',
    target: { type: 'customer', id: customer._id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { watchNote: { from, to } },
  });
  const updated = await scoped(
    Customer.findOneAndUpdate(
      { _id: customer._id, revision },
      { $set: { watchNote: to === null ? null : { text: to, byName: principal.displayName, at: new Date() } }, $inc: { revision: 1 }, ...pushAudit(event) },
      { returnDocument: 'after' },
    ),
    scope,
  ).lean();
  if (!updated) throw conflict('This customer was changed by someone else since you opened it. Reload to see the latest version.', 'stale');
  await settleAudit(actor, Customer, updated);
  return getCustomer(scope, customerId);
}
