import type { AuditAction, CustomerTimeline, CustomerTimelineQuery, TimelineItem } from '@app/shared';
import { AuditEvent } from '../audit/audit-event.model.js';
import { getCustomer } from '../customers/customer.service.js';
import { forbidden } from '../errors/app-error.js';
import { Order } from '../orders/order.model.js';
import { customerNotePolicy } from '../policies/customer-note.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped } from '../tenancy/tenant-plugin.js';
import { CustomerNote } from './customer-note.model.js';
import { presentNote, type StoredNote } from './customer-note.presenter.js';

/** Events the timeline shows as the thing itself (the note, the order), not again as an event. */
const SHOWN_AS_ITSELF: AuditAction[] = ['customer.note_added', 'order.placed'];

const money = (cents: number) => Math.round(cents) / 100;

/**
 * The record's timeline: its notes, its audit events and its orders, newest first, merged. Each
 * source gives its newest `limit + 1` before the cursor; the merge keeps `limit`, so whatever is
 * left out is older than the last item kept and comes with the next page (`before` = its time).
 */
export async function customerTimeline(actor: Actor, customerId: string, q: CustomerTimelineQuery): Promise<CustomerTimeline> {
  const { principal, scope } = actor;
  customerNotePolicy.authorize(principal, 'note.list', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const before = q.before ? new Date(q.before) : null;
  const olderThan = (field: string) => (before ? { [field]: { $lt: before } } : {});
  const take = q.limit + 1;
  const [notes, events, orders] = await Promise.all([
    scoped(CustomerNote.find({ customerId: customer._id, deleted: false, ...olderThan('createdAt') }).sort({ createdAt: -1, _id: -1 }).limit(take), scope).lean(),
    scoped(AuditEvent.find({ customerId: customer._id, action: { $nin: SHOWN_AS_ITSELF }, ...olderThan('at') }).sort({ at: -1, _id: -1 }).limit(take), scope).lean(),
    scoped(
      Order.find({ customerId: customer._id, ...olderThan('orderedAt') }, { number: 1, status: 1, totalAmountCents: 1, currency: 1, placedBy: 1, orderedAt: 1 })
        .sort({ orderedAt: -1, _id: -1 })
        .limit(take),
      scope,
    ).lean(),
  ]);
  const now = new Date();
  const merged: TimelineItem[] = [
    ...notes.map((n) => ({ kind: 'note' as const, at: n.createdAt.toISOString(), note: presentNote(n as StoredNote, principal, now) })),
    ...events.map((e) => ({
      kind: 'event' as const,
      at: e.at.toISOString(),
      event: { id: e._id.toHexString(), action: e.action, actorName: e.actor?.name ?? '', label: e.target?.label ?? null },
    })),
    ...orders.map((o) => ({
      kind: 'order' as const,
      at: o.orderedAt.toISOString(),
      order: { id: o._id.toHexString(), number: o.number, status: o.status, totalAmount: money(o.totalAmountCents), currency: o.currency, placedByName: o.placedBy?.name ?? '' },
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const items = merged.slice(0, q.limit);
  return {
    items,
    nextBefore: merged.length > q.limit ? items[items.length - 1]!.at : null,
    abilities: { addNote: customerNotePolicy.can(principal, 'note.add') },
  };
}
