import { Types } from 'mongoose';
import { NOTE_EDIT_WINDOW_MINUTES, NOTE_EDIT_WINDOW_MS } from '@app/shared';
import { pushAudit, settleAudit, withCreationAudit } from '../audit/audit-outbox.js';
import { auditEventFor } from '../audit/audit.service.js';
import { getCustomer } from '../customers/customer.service.js';
import { AppError, conflict, forbidden, notFound } from '../errors/app-error.js';
import { customerNotePolicy } from '../policies/customer-note.js';
import type { Actor } from '../tenancy/actor.js';
import { scoped, scopedDoc } from '../tenancy/tenant-plugin.js';
import { CustomerNote } from './customer-note.model.js';
import type { StoredNote } from './customer-note.presenter.js';

const LOCKED = `A note can be changed or deleted only by its author, within ${NOTE_EDIT_WINDOW_MINUTES} minutes of writing it.`;

export async function addNote(actor: Actor, customerId: string, text: string): Promise<StoredNote> {
  const { principal, scope } = actor;
  customerNotePolicy.authorize(principal, 'note.add', undefined, forbidden);
  const { customer } = await getCustomer(scope, customerId);
  const _id = new Types.ObjectId();
  const event = auditEventFor(actor, {
    action: 'customer.note_added',
    target: { type: 'customer_note', id: _id, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { text: { from: null, to: text } },
  });
  const doc = scopedDoc(
    new CustomerNote({
      _id,
      ...withCreationAudit(event),
      distributorId: customer.distributorId,
      resellerId: customer.resellerId,
      customerId: customer._id,
      text,
      authorId: principal.userId,
      authorName: principal.displayName,
    }),
    scope,
  );
  await doc.save();
  await settleAudit(actor, CustomerNote, { _id, ...withCreationAudit(event) });
  return (await getNote(actor, customerId, String(_id))).note;
}

/** A note of a customer inside the scope (not deleted), with its customer; 404 otherwise. */
async function getNote(actor: Actor, customerId: string, noteId: string) {
  const { customer } = await getCustomer(actor.scope, customerId);
  if (!Types.ObjectId.isValid(noteId)) throw notFound('The note');
  const note = await scoped(CustomerNote.findOne({ _id: new Types.ObjectId(noteId), customerId: customer._id, deleted: false }), actor.scope).lean();
  if (!note) throw notFound('The note');
  return { customer, note: note as StoredNote };
}

/** 403 for someone else's note, 409 for one's own once the window has passed. */
const refusalFor = (actor: Actor, note: StoredNote) => () =>
  note.authorId.equals(actor.principal.userId) ? conflict(LOCKED) : new AppError('forbidden', 'Only its author can change or delete a note.');

/**
 * The author's window is checked by the write itself (author, age, revision, not deleted in one
 * conditional update), so an edit a moment after the 15 minutes, or racing another, never lands.
 */
export async function editNote(actor: Actor, customerId: string, noteId: string, text: string, revision: number): Promise<StoredNote> {
  return changeOwnNote(actor, customerId, noteId, {
    action: 'edit',
    textAfter: text,
    condition: { revision },
    change: (now) => ({ $set: { text, editedAt: now } }),
    stale: 'This note was changed or deleted meanwhile, or its time for changes ran out. Reload to see it.',
  });
}

export async function deleteNote(actor: Actor, customerId: string, noteId: string): Promise<void> {
  await changeOwnNote(actor, customerId, noteId, {
    action: 'delete',
    textAfter: null,
    condition: {},
    change: () => ({ $set: { deleted: true } }),
    stale: 'This note was deleted meanwhile, or its time for changes ran out.',
  });
}

/**
 * An author's change to their own note within its window (an edit or a deletion): authorised by
 * the note policy, written on the condition that it is still theirs to change, with its audit event.
 */
async function changeOwnNote(
  actor: Actor,
  customerId: string,
  noteId: string,
  how: { action: 'edit' | 'delete'; textAfter: string | null; condition: Record<string, unknown>; change: (now: Date) => { $set: Record<string, unknown> }; stale: string },
): Promise<StoredNote> {
  const { customer, note } = await getNote(actor, customerId, noteId);
  const now = new Date();
  customerNotePolicy.authorize(actor.principal, `note.${how.action}`, { authorId: note.authorId, createdAt: note.createdAt, now }, refusalFor(actor, note));
  const event = auditEventFor(actor, {
    action: how.action === 'edit' ? 'customer.note_edited' : 'customer.note_deleted',
    target: { type: 'customer_note', id: note._id as Types.ObjectId, label: customer.companyName },
    resellerId: customer.resellerId,
    customerId: customer._id,
    customerName: customer.companyName,
    changes: { text: { from: note.text, to: how.textAfter } },
  });
  const updated = await scoped(
    CustomerNote.findOneAndUpdate(
      { ...stillEditable(actor, note, now), ...how.condition },
      { ...how.change(now), $inc: { revision: 1 }, ...pushAudit(event) },
      { returnDocument: 'after' },
    ),
    actor.scope,
  ).lean();
  if (!updated) throw conflict(how.stale, 'stale');
  await settleAudit(actor, CustomerNote, updated);
  return updated as StoredNote;
}

/** The write's own condition: this author's note, not deleted, written less than 15 minutes before `now`. */
const stillEditable = (actor: Actor, note: StoredNote, now: Date) => ({
  _id: note._id,
  authorId: actor.principal.userId,
  deleted: false,
  createdAt: { $gt: new Date(now.getTime() - NOTE_EDIT_WINDOW_MS) },
});
