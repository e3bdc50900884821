/** `Orders` → `Orders-2026-11-25.xlsx` (the UTC date of the export); given `YYYY-MM-DD`, the pattern. */
export function exportFileName(title: string, day: Date | 'YYYY-MM-DD'): string {
  return `${title}-${day instanceof Date ? day.toISOString().slice(0, 10) : day}.xlsx`;
}

/**
 * `Content-Disposition: attachment` for `fileName` (RFC 6266): a plain `filename` every browser
 * reads — ASCII, accents stripped, anything else `_` — and, when the name is not plain ASCII, the
 * exact name as `filename*` in UTF-8 (RFC 8187), which browsers prefer.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  if (fallback === fileName) return `attachment; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
