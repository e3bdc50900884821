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
