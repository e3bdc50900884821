/**
 * "Your session has ended" must survive the reload that follows: the server clears the cookie in
 * the answer that says the session ended (a background poll often hears it first), so the next
 * page load finds no session at all. This tab remembers it until someone signs in again.
 */
const KEY = 'storefront-admin:session-ended';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export const markSessionEnded = (): void => storage()?.setItem(KEY, '1');
export const sessionWasEnded = (): boolean => storage()?.getItem(KEY) === '1';
export const forgetSessionEnded = (): void => storage()?.removeItem(KEY);
