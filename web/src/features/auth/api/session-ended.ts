/**
 * "Your session has ended" — or why the account may no longer sign in — must survive the reload
 * that follows: the server clears the cookie in the answer that says the session ended (a
 * background poll often hears it first), so the next page load finds no session at all. This tab
 * remembers it, with the server's reason when it gave one, until someone signs in again.
 */
const KEY = 'storefront-admin:session-ended';
const NO_REASON = '1';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** `why`: the server's words when the account itself was ended (deactivated, reseller suspended). */
export const markSessionEnded = (why?: string | null): void => {
  const s = storage();
  // A later generic "ended" does not overwrite a reason already heard.
  if (s && (why || !s.getItem(KEY))) s.setItem(KEY, why || NO_REASON);
};
export const sessionWasEnded = (): boolean => Boolean(storage()?.getItem(KEY));
/** Why the session ended, when the server said. */
export const sessionEndedWhy = (): string | null => {
  const v = storage()?.getItem(KEY);
  return v && v !== NO_REASON ? v : null;
};
export const forgetSessionEnded = (): void => storage()?.removeItem(KEY);
