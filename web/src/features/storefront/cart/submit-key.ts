/** A fresh submit key for placing an order: 32 hex digits (a UUID without its dashes). */
export function newSubmitKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  // crypto.randomUUID exists only on secure origins; getRandomValues everywhere.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
