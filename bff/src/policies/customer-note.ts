import type { Types } from 'mongoose';
import { NOTE_EDIT_WINDOW_MS } from '@app/shared';
import { definePolicy } from './policy.js';

/** What the rules about a note look at: who wrote it, when, and the instant of the question. */
export interface CustomerNoteResource {
  authorId: Types.ObjectId;
  createdAt: Date;
  now: Date;
}

/** Whether the note is still inside its author's window at `now`. */
export const insideEditWindow = (n: { createdAt: Date; now: Date }) => n.now.getTime() - n.createdAt.getTime() < NOTE_EDIT_WINDOW_MS;

const ownFreshNote = (n: CustomerNoteResource, p: { userId: Types.ObjectId }) => n.authorId.equals(p.userId) && insideEditWindow(n);

/**
 * Notes on a customer and its watch-list note: staff read them (the distributor oversees), the
 * reseller writes them. A note is its author's to change or delete for 15 minutes, then it stays as
 * written. Storefront users never see any of it.
 */
export const customerNotePolicy = definePolicy<'note.list' | 'note.add' | 'note.edit' | 'note.delete' | 'watchNote.set', CustomerNoteResource>({
  'note.list': { roles: ['reseller', 'distributor'] },
  'note.add': { roles: ['reseller'] },
  'note.edit': { roles: ['reseller'], when: ownFreshNote },
  'note.delete': { roles: ['reseller'], when: ownFreshNote },
  'watchNote.set': { roles: ['reseller'] },
});
