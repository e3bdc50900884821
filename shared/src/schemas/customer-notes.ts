import { z } from 'zod';
import { objectIdSchema } from './common.js';

/** How long the author of a note may still change or delete it; after that it stays as written. */
export const NOTE_EDIT_WINDOW_MINUTES = 15;
export const NOTE_EDIT_WINDOW_MS = NOTE_EDIT_WINDOW_MINUTES * 60_000;

const noteText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const addCustomerNoteSchema = z.object({ text: noteText('A note', 4000) }).meta({ id: 'AddCustomerNote' });
export type AddCustomerNote = z.infer<typeof addCustomerNoteSchema>;

/** An edit carries the revision it was made on: two edits of one note never both land. */
export const editCustomerNoteSchema = z
  .object({ text: noteText('A note', 4000), revision: z.number().int().min(1) })
  .meta({ id: 'EditCustomerNote' });
export type EditCustomerNote = z.infer<typeof editCustomerNoteSchema>;

export const customerNoteParamsSchema = z.object({ id: objectIdSchema, noteId: objectIdSchema });

export const customerNoteSchema = z
  .object({
    id: objectIdSchema,
    customerId: objectIdSchema,
    text: z.string(),
    authorName: z.string(),
    createdAt: z.iso.datetime(),
    /** Set once the author changed it (within the window). */
    editedAt: z.iso.datetime().nullable(),
    revision: z.number().int(),
    /** Until when its author may still change or delete it; null once it can no longer be changed by the caller. */
    editableUntil: z.iso.datetime().nullable(),
    abilities: z.object({ edit: z.boolean(), delete: z.boolean() }).meta({ id: 'CustomerNoteAbilities' }),
  })
  .meta({ id: 'CustomerNote' });
export type CustomerNote = z.infer<typeof customerNoteSchema>;

/**
 * The one watch-list note of a customer: staff see it wherever the customer appears (its record,
 * the grid, approval cards, order pages); never a storefront user.
 */
export const watchNoteSchema = z
  .object({ text: z.string(), byName: z.string(), at: z.iso.datetime() })
  .meta({ id: 'WatchNote' });
export type WatchNote = z.infer<typeof watchNoteSchema>;

/** Sets the watch-list note; an empty text takes the customer off the watch list. */
export const setWatchNoteSchema = z
  .object({
    text: z.string({ error: 'Text is required' }).trim().max(500, 'A watch-list note must be at most 500 characters'),
    revision: z.number().int().min(1),
  })
  .meta({ id: 'SetWatchNote' });
export type SetWatchNote = z.infer<typeof setWatchNoteSchema>;

export const customerTimelineQuerySchema = z
  .object({
    /** Only what happened before this instant (the previous page's `nextBefore`). */
    before: z.iso.datetime({ offset: true, error: 'Must be a date-time' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .meta({ id: 'CustomerTimelineQuery' });
export type CustomerTimelineQuery = z.infer<typeof customerTimelineQuerySchema>;

export const timelineItemSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('note'), at: z.iso.datetime(), note: customerNoteSchema }),
    z.object({
      kind: z.literal('event'),
      at: z.iso.datetime(),
      event: z.object({ id: objectIdSchema, action: z.string(), actorName: z.string(), label: z.string().nullable() }),
    }),
    z.object({
      kind: z.literal('order'),
      at: z.iso.datetime(),
      order: z.object({ id: objectIdSchema, number: z.string(), status: z.string(), totalAmount: z.number(), currency: z.string(), placedByName: z.string() }),
    }),
  ])
  .meta({ id: 'TimelineItem' });
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const customerTimelineSchema = z
  .object({
    items: z.array(timelineItemSchema),
    /** Pass as `before` for older items; null when there are none. */
    nextBefore: z.iso.datetime().nullable(),
    /** What the caller may do on the timeline. */
    abilities: z.object({ addNote: z.boolean() }).meta({ id: 'CustomerTimelineAbilities' }),
  })
  .meta({ id: 'CustomerTimeline' });
export type CustomerTimeline = z.infer<typeof customerTimelineSchema>;
