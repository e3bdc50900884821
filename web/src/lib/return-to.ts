import { useLocation } from 'react-router';

/** Where a page's back link leads, and what it says: the list or record the person came from. */
export interface ReturnTo {
  to: string;
  label: string;
}

/**
 * The router state a link to a detail page carries, so that page's back link returns here — with
 * this page's filters and search, as the URL holds them — rather than to a fixed page per role.
 * The state lives in the browser's history entry: reload and back/forward keep it; a shared
 * link has none, and the detail page falls back to its default.
 */
export function useReturnState(label: string): { returnTo: ReturnTo } {
  const location = useLocation();
  return { returnTo: { to: `${location.pathname}${location.search}${location.hash}`, label } };
}

/** The place a detail page was opened from, if its link said (a path of this app only). */
export function returnToOf(state: unknown): ReturnTo | null {
  const r = (state as { returnTo?: Partial<ReturnTo> } | null)?.returnTo;
  return r && typeof r.to === 'string' && r.to.startsWith('/') && !r.to.startsWith('//') && typeof r.label === 'string' && r.label ? { to: r.to, label: r.label } : null;
}
