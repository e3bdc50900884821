import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, needsQuotePrefix } from './cell-text.js';
import type { ExportColumn, XlsxExport } from './xlsx-export.js';
import { zipPipeline } from './zip-backpressure.js';

const CURRENCY_SYMBOL: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };
/** The Excel number format of an amount in `currency` (ISO 4217): its symbol, or else its code. */
export function currencyFormat(currency: string): string {
  const symbol = CURRENCY_SYMBOL[currency];
  return symbol ? `"${symbol}"#,##0.00` : `#,##0.00 "${currency.replace(/[^A-Z]/g, '')}"`;
}

type Cell = string | number | Date | null;

/**
 * Excel's quote-prefix style (`<xf quotePrefix="1">`): the cell is text, shown as typed, and stays
 * text when edited. exceljs 4.4.0 (pinned, see zip-backpressure.ts) has no such style property, so
 * the style is entered in its styles table directly and tied to one style object through the same
 * identity cache (`weakMap`) that finds every column's style; cells given that object get it.
 */
interface StylesTable {
  model: { styles: string[] };
  index: { style: Record<string, number> };
  weakMap: WeakMap<object, number>;
}
const QUOTE_PREFIX_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>';

function quotePrefixStyle(workbook: ExcelJS.stream.xlsx.WorkbookWriter): Partial<ExcelJS.Style> {
  const table = (workbook as unknown as { styles: StylesTable }).styles;
  if (!Array.isArray(table?.model?.styles) || !(table.weakMap instanceof WeakMap)) throw new Error('exceljs styles table not as expected (quote-prefix style)');
  const style: Partial<ExcelJS.Style> = {};
  let id = table.index.style[QUOTE_PREFIX_XF];
  if (id === undefined) {
    id = table.model.styles.push(QUOTE_PREFIX_XF) - 1;
    table.index.style[QUOTE_PREFIX_XF] = id;
  }
  table.weakMap.set(style, id);
  return style;
}

/** Each column's cell maker and style, decided once per export, not per row. */
function compile<T>(column: ExportColumn<T>): { cell: (row: T) => Cell; numFmt?: string } {
  switch (column.type) {
    case 'text':
      return {
        cell: (row) => {
          const v = column.value(row);
          return v === null || v === undefined ? null : cellText(String(v));
        },
      };
    case 'date':
      return {
        numFmt: column.withTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd',
        cell: (row) => {
          const v = column.value(row);
          return v instanceof Date && !Number.isNaN(v.getTime()) ? v : null;
        },
      };
    case 'money':
      return {
        numFmt: currencyFormat(column.currency),
        cell: (row) => {
          const v = column.value(row);
          return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;
        },
      };
    case 'yesNo':
      return {
        cell: (row) => {
          const v = column.value(row);
          return v === null || v === undefined ? null : v ? 'Yes' : 'No';
        },
      };
    case 'number':
      return {
        numFmt: column.format ?? '#,##0',
        cell: (row) => {
          const v = column.value(row);
          return typeof v === 'number' && Number.isFinite(v) ? v : null;
        },
      };
  }
}

/** `A`, …, `Z`, `AA`, … for a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export interface WriteResult {
  rows: number;
  /** False when `signal` aborted the export before the workbook was complete. */
  completed: boolean;
}

/**
 * Writes `exp` as an .xlsx into `out`, row by row, never holding more than a few hundred KB
 * whatever the row count: it waits whenever the zip pipeline is full (zip-backpressure.ts), and
 * `out`'s own backpressure reaches that pipeline through ordinary pipes. On abort it stops reading
 * rows (which closes their source) and drops the half-written zip; on a row source error it does
 * the same and rethrows.
 *
 * The sheet: bold header row, frozen; auto-filter over every row; the columns' widths and number
 * formats; dates as Excel dates, money as numbers, every text through `cellText`.
 */
export async function writeXlsx<T>(exp: XlsxExport<T>, out: Writable, signal: AbortSignal = new AbortController().signal): Promise<WriteResult> {
  const columns = exp.columns.map(compile);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(cellText(exp.title).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  // One style object per column, shared by all its cells: exceljs finds a cell's style by the
  // object's identity first (StylesXform's WeakMap) and works it out again for every new object —
  // which a cell made from its column's style is. So no cell's style may be changed in place.
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) => (c.numFmt ? { numFmt: c.numFmt } : {}));
  sheet.columns = exp.columns.map((c, i) => ({ width: c.width, style: styles[i] }));
  const quoted = quotePrefixStyle(workbook);
  const textColumn = exp.columns.map((c) => c.type === 'text');
  const zip = zipPipeline(workbook, sheet, signal);

  const header = sheet.addRow(exp.columns.map((c) => cellText(c.header)));
  header.font = { bold: true };
  header.commit();

  let rows = 0;
  const values: Cell[] = new Array<Cell>(columns.length);
  try {
    for await (const row of exp.rows) {
      if (signal.aborted) break;
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]!.cell(row);
      const added = sheet.addRow(values);
      for (let i = 0; i < columns.length; i++) {
        const v = values[i];
        added.getCell(i + 1).style = textColumn[i] && typeof v === 'string' && needsQuotePrefix(v) ? quoted : styles[i]!;
      }
      added.commit();
      rows++;
      if (zip.blocked) await zip.wait();
      if (zip.error) throw zip.error;
      if (signal.aborted) break;
    }
    if (!signal.aborted) {
      sheet.autoFilter = `A1:${columnLetter(columns.length)}${rows + 1}`;
      sheet.commit();
      await Promise.race([workbook.commit(), aborted(signal)]);
    }
  } catch (err) {
    zip.abort();
    throw err;
  }
  if (signal.aborted) {
    zip.abort();
    return { rows, completed: false };
  }
  return { rows, completed: true };
}

const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
