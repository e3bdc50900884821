import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { validationFailed } from '../errors/app-error.js';

/**
 * Keyset pagination over any list: a page starts right after the previous page's last row on the
 * sort field plus _id, so page 1,000 is as fast as page 1 (an index range scan on MongoDB). A
 * cursor names the view it was made for (sort, search, filters) and is refused for another.
 */
export interface KeysetView {
  /** The stored field that orders the list. */
  field: string;
  descending: boolean;
  /** Everything that defines the view besides paging: a cursor from another view is refused. */
  view: readonly unknown[];
}

type SortValue = string | number | Date;
interface Cursor {
  k: string;
  v: string | number;
  /** The value was a date (JSON keeps it as its time). */
  d?: 1;
  id: string;
}

const viewKey = (v: KeysetView) =>
  createHash('sha256').update(JSON.stringify([v.field, v.descending, ...v.view])).digest('base64url').slice(0, 12);

export function encodeCursor(view: KeysetView, last: { _id: Types.ObjectId } & Record<string, unknown>): string {
  const value = last[view.field] as SortValue;
  const cursor: Cursor =
    value instanceof Date ? { k: viewKey(view), v: value.getTime(), d: 1, id: last._id.toHexString() } : { k: viewKey(view), v: value, id: last._id.toHexString() };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(view: KeysetView, raw: string): { value: SortValue; id: Types.ObjectId } {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (c.k === viewKey(view) && Types.ObjectId.isValid(c.id) && (typeof c.v === 'string' || typeof c.v === 'number')) {
      return { value: c.d === 1 && typeof c.v === 'number' ? new Date(c.v) : c.v, id: new Types.ObjectId(c.id) };
    }
  } catch {
    // fall through
  }
  throw validationFailed({ cursor: 'Invalid or outdated cursor' }, 'This page link no longer matches the list; start again from the first page.');
}

/** The sort (field, then _id as the tiebreak) of a view. */
export const keysetSort = (view: KeysetView): Record<string, 1 | -1> => {
  const dir = view.descending ? -1 : 1;
  return { [view.field]: dir, _id: dir };
};

/** `base` narrowed to the rows after the cursor's row; `base` itself without a cursor. */
export function afterCursor(view: KeysetView, base: Record<string, unknown>, raw: string | undefined): Record<string, unknown> {
  if (!raw) return base;
  const c = decodeCursor(view, raw);
  const op = view.descending ? '$lt' : '$gt';
  const after = { $or: [{ [view.field]: { [op]: c.value } }, { [view.field]: c.value, _id: { [op]: c.id } }] };
  return Object.keys(base).length > 0 ? { $and: [base, after] } : after;
}

/** The cursor of the page after `items`, or null when this page was the last. */
export const nextCursorOf = (view: KeysetView, items: ({ _id: Types.ObjectId } & Record<string, unknown>)[], limit: number): string | null => {
  const last = items.at(-1);
  return last && items.length === limit ? encodeCursor(view, last) : null;
};
