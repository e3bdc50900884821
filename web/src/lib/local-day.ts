/** A calendar day as a date input gives it (`2026-01-31`). */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The start of a local calendar day (`2026-01-31`) as an instant; `plusDays` moves it. A period of
 * days the viewer picks, both ends included, is `[localDayStart(from), localDayStart(to, 1))`.
 */
export function localDayStart(day: string, plusDays = 0): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A day typed in the person's own format (DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD; `.` or `-` also
 * separate) as a calendar day (`2026-01-31`), or null when it is not a real day: 31/02 is refused,
 * not rolled over to March as `new Date` would.
 */
export function parseDay(text: string, dateFormat: string): string | null {
  const parts = text.trim().split(/[/.\-\s]+/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const order = dateFormat === 'YYYY-MM-DD' ? [0, 1, 2] : dateFormat === 'MM/DD/YYYY' ? [2, 0, 1] : [2, 1, 0];
  const [y, m, d] = order.map((i) => Number(parts[i])) as [number, number, number];
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}
