import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of the file: its number (1 is the first) and its cells as text. */
export interface FileRow {
  rowNumber: number;
  cells: string[];
}

/**
 * A cell as text, never evaluated: a formula is its text (`=A1+1`), not its cached result; rich
 * text and links are their text; a date is YYYY-MM-DD.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: unknown; error?: string };
    if (typeof v.formula === 'string') return `=${v.formula}`;
    if (typeof v.sharedFormula === 'string') return `=${v.sharedFormula}`;
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** Whether the file is an xlsx (a zip: "PK") rather than csv text, from its first bytes. */
async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer.toString('latin1') === 'PK';
  } finally {
    await handle.close();
  }
}

/** The first worksheet's rows, streamed (ExcelJS's WorkbookReader: the sheet is never held whole). */
async function* xlsxRows(file: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { rowNumber: row.number, cells: values.map(cellText) };
    }
    return; // the first sheet only
  }
}

/** Csv rows, streamed (csv-parse); a byte-order mark is dropped, blank lines skipped, quotes honoured. */
async function* csvRows(file: string): AsyncGenerator<FileRow> {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { rowNumber: info.lines, cells: record };
}

/** A file that is neither a workbook nor csv text (a broken zip, unbalanced quotes). */
export class UnreadableFileError extends Error {}

/** The rows of an uploaded xlsx or csv file, one at a time. */
export async function* fileRows(file: string): AsyncGenerator<FileRow> {
  const rows = (await isZip(file)) ? xlsxRows(file) : csvRows(file);
  for (;;) {
    let next: IteratorResult<FileRow>;
    try {
      next = await rows.next();
    } catch (err) {
      throw new UnreadableFileError(err instanceof Error ? err.message : String(err));
    }
    if (next.done) return;
    yield next.value;
  }
}
