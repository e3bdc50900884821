/**
 * The last view of a list page in this tab: its query string (search, sort, filters) and the
 * first row on screen. The record's back link and the navigation link return to it, and the grid
 * scrolls back to the row. Per tab (sessionStorage): another tab starts from the plain list.
 */
export interface RememberedView {
  /** `?q=…&sort=…`, or '' for the plain list. */
  search: string;
  topRow: number;
}

const key = (path: string) => `storefront-admin:view:${path}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage refused (privacy settings): nothing is remembered
  }
}

export function rememberedView(path: string): RememberedView | null {
  try {
    const raw = storage()?.getItem(key(path));
    const v = raw ? (JSON.parse(raw) as Partial<RememberedView>) : null;
    return v && typeof v.search === 'string' && typeof v.topRow === 'number' ? { search: v.search, topRow: v.topRow } : null;
  } catch {
    return null;
  }
}

/** Records the list's query string; a different one starts again from the top row. */
export function rememberSearch(path: string, search: string): void {
  const before = rememberedView(path);
  if (before?.search === search) return;
  storage()?.setItem(key(path), JSON.stringify({ search, topRow: 0 }));
}

export function rememberTopRow(path: string, topRow: number): void {
  const before = rememberedView(path);
  storage()?.setItem(key(path), JSON.stringify({ search: before?.search ?? '', topRow }));
}

/** `path` with the query string it was last seen with in this tab. */
export const withRememberedSearch = (path: string): string => path + (rememberedView(path)?.search ?? '');
