import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { validationFailed } from '../errors/app-error.js';

/**
 * Keyset pagination over any list: a page starts right after the previous page's last row on the
 * sort key (the sort field, an optional second field for rows that tie on it, then _id), so page
 * 1,000 is as fast as page 1 (an index range scan on MongoDB). A cursor names the view it was made
 * for (sort, search, filters) and is refused for another.
 */
export interface KeysetView {
  /** The stored field that orders the list. */
  field: string;
  /**
   * Orders rows with an equal `field` (e.g. the name key, so ties read alphabetically), before _id.
   * It runs in the same direction as `field`, so one index `{field, then, _id}` serves both ways.
   */
  then?: string | undefined;
  descending: boolean;
  /** Everything that defines the view besides paging: a cursor from another view is refused. */
  view: readonly unknown[];
}

type SortValue = string | number | Date;
/** A value as JSON keeps it: a date as its time, marked. */
type Stored = { v: string | number; d?: 1 };
interface Cursor {
  k: string;
  /** The values of the key's fields in order (field, then), without _id. */
  vs: Stored[];
  id: string;
}

const keyFields = (v: KeysetView): string[] => (v.then && v.then !== v.field ? [v.field, v.then] : [v.field]);

const viewKey = (v: KeysetView) =>
  createHash('sha256').update(JSON.stringify([...keyFields(v), v.descending, ...v.view])).digest('base64url').slice(0, 12);

const store = (value: SortValue): Stored => (value instanceof Date ? { v: value.getTime(), d: 1 } : { v: value });
const restore = (s: Stored): SortValue => (s.d === 1 && typeof s.v === 'number' ? new Date(s.v) : s.v);
const isStored = (s: unknown): s is Stored => typeof s === 'object' && s !== null && (typeof (s as Stored).v === 'string' || typeof (s as Stored).v === 'number');

/** A row's value at a stored path (`keptFigures.customers` reads into the nested object). */
const valueAt = (row: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), row);

export function encodeCursor(view: KeysetView, last: { _id: Types.ObjectId } & Record<string, unknown>): string {
  const cursor: Cursor = { k: viewKey(view), vs: keyFields(view).map((f) => store(valueAt(last, f) as SortValue)), id: last._id.toHexString() };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(view: KeysetView, raw: string): { values: SortValue[]; id: Types.ObjectId } {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Cursor;
    if (c.k === viewKey(view) && Types.ObjectId.isValid(c.id) && Array.isArray(c.vs) && c.vs.length === keyFields(view).length && c.vs.every(isStored)) {
      return { values: c.vs.map(restore), id: new Types.ObjectId(c.id) };
    }
  } catch {
    // fall through
  }
  throw validationFailed({ cursor: 'Invalid or outdated cursor' }, 'This page link no longer matches the list; start again from the first page.');
}

/** The sort of a view: its field, its tiebreak field, then _id, all one way. */
export const keysetSort = (view: KeysetView): Record<string, 1 | -1> => {
  const dir = view.descending ? -1 : 1;
  return Object.fromEntries([...keyFields(view).map((f) => [f, dir] as const), ['_id', dir] as const]);
};

/**
 * `base` narrowed to the rows after the cursor's row; `base` itself without a cursor. For a key
 * (a, b, _id): a beyond, or a equal and b beyond, or a and b equal and _id beyond.
 */
export function afterCursor(view: KeysetView, base: Record<string, unknown>, raw: string | undefined): Record<string, unknown> {
  if (!raw) return base;
  const c = decodeCursor(view, raw);
  const op = view.descending ? '$lt' : '$gt';
  const fields = keyFields(view);
  const keys: [string, unknown][] = [...fields.map((f, i) => [f, c.values[i]] as [string, unknown]), ['_id', c.id]];
  const branches = keys.map(([field, value], i) => ({ ...Object.fromEntries(keys.slice(0, i)), [field]: { [op]: value } }));
  const after = { $or: branches };
  return Object.keys(base).length > 0 ? { $and: [base, after] } : after;
}

/** The cursor of the page after `items`, or null when this page was the last. */
export const nextCursorOf = (view: KeysetView, items: ({ _id: Types.ObjectId } & Record<string, unknown>)[], limit: number): string | null => {
  const last = items.at(-1);
  return last && items.length === limit ? encodeCursor(view, last) : null;
};

/**
 * The view's count, only when the request asked for it (`total=1`, a grid's first page): the
 * pages after it need none, and a count reads every row of the view (issue 22).
 */
export const totalIfAsked = (asked: '1' | undefined, count: () => PromiseLike<number>): Promise<number | undefined> =>
  asked ? Promise.resolve(count()) : Promise.resolve(undefined);
