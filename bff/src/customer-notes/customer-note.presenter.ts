import { NOTE_EDIT_WINDOW_MS, type CustomerNote as CustomerNoteDto } from '@app/shared';
import { customerNotePolicy } from '../policies/customer-note.js';
import type { Principal } from '../tenancy/principal.js';
import type { CustomerNoteDoc } from './customer-note.model.js';

export type StoredNote = CustomerNoteDoc & { _id: { toHexString(): string }; createdAt: Date; updatedAt: Date };

export function presentNote(n: StoredNote, principal: Principal, now = new Date()): CustomerNoteDto {
  const resource = { authorId: n.authorId, createdAt: n.createdAt, now };
  const abilities = customerNotePolicy.abilities(principal, resource, { edit: 'note.edit', delete: 'note.delete' });
  return {
    id: n._id.toHexString(),
    customerId: String(n.customerId),
    text: n.text,
    authorName: n.authorName,
    createdAt: n.createdAt.toISOString(),
    editedAt: n.editedAt ? n.editedAt.toISOString() : null,
    revision: n.revision,
    editableUntil: abilities.edit ? new Date(n.createdAt.getTime() + NOTE_EDIT_WINDOW_MS).toISOString() : null,
    abilities,
  };
}
