import { createRequire } from 'node:module';
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, FORMULA_ESCAPE, startsAsFormula } from './cell-text.js';
import { columnLetter, writeXlsx } from './write-xlsx.js';
import type { ExportColumn, XlsxExport } from './xlsx-export.js';

/** Writes `exp` into memory and opens the result with exceljs, as a person's spreadsheet would. */
async function roundTrip<T>(exp: XlsxExport<T>) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const result = await writeXlsx(exp, sink);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  return { result, sheet: workbook.getWorksheet(exp.title)! };
}

async function* fromArray<T>(rows: T[]) {
  yield* rows;
}

interface Row {
  name: string;
  at: Date;
  amount: number;
  active: boolean;
  count: number;
}
const COLUMNS: ExportColumn<Row>[] = [
  { header: 'Name', width: 30, type: 'text', value: (r) => r.name },
  { header: 'When', width: 18, type: 'date', withTime: true, value: (r) => r.at },
  { header: 'Amount', width: 14, type: 'money', currency: 'EUR', value: (r) => r.amount },
  { header: 'Active', width: 8, type: 'yesNo', value: (r) => r.active },
  { header: 'Count', width: 8, type: 'number', value: (r) => r.count },
];

describe('cellText (ASVS 5.0 V1.2.10)', () => {
  it('escapes each formula trigger with one leading quote and leaves other text alone', () => {
    expect(cellText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    // Typed text starting with + or - stays as typed: its cell's quote-prefix style keeps it text.
    expect(cellText('+30 210 0000000')).toBe('+30 210 0000000');
    expect(cellText('-1')).toBe('-1');
    expect(cellText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cellText('\t=1')).toBe("'\t=1");
    expect(cellText('\r=1')).toBe("'\n=1");
    expect(cellText('\u0000=1')).toBe("'=1");
    expect(cellText('\u0001\u0002=cmd()')).toBe("'=cmd()");
    expect(cellText('Blue Harbor = best')).toBe('Blue Harbor = best');
    expect(cellText("'already quoted")).toBe("'already quoted");
  });

  it('over many strings: never starts as a formula, and is the input with at most a quote in front', () => {
    const triggerFirst = fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\u0000', '\u0001', ''), fc.string({ unit: 'binary' })).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), triggerFirst), (s) => {
        const out = cellText(s);
        expect(startsAsFormula(out)).toBe(false);
        // What remains after the escape is the input as XML can carry it (control characters gone, CR → LF).
        // eslint-disable-next-line no-control-regex
        const carried = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '').replace(/\r\n?/g, '\n');
        expect(out === carried || out === FORMULA_ESCAPE + carried).toBe(true);
        if (out !== carried) expect(/^[=+\-@\t\r\n]/.test(carried)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

/** The raw parts of an .xlsx (exceljs reads no quote-prefix style), through exceljs's own zip reader. */
async function rawParts(buffer: Buffer): Promise<{ styles: string; sheet: string }> {
  const JSZip = createRequire(import.meta.resolve('exceljs'))('jszip') as { loadAsync: (b: Buffer) => Promise<{ file: (n: string) => { async: (t: 'string') => Promise<string> } }> };
  const zip = await JSZip.loadAsync(buffer);
  return { styles: await zip.file('xl/styles.xml').async('string'), sheet: await zip.file('xl/worksheets/sheet1.xml').async('string') };
}

describe('writeXlsx', () => {
  it('writes text starting with + or - as typed, in a string cell with Excel’s quote-prefix style; formulas keep their escape', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const names = ['+30 210 0000000', '-', 'Plain', '=1+1'];
    await writeXlsx({ title: 'Phones', columns: [COLUMNS[0]!], rows: fromArray(names.map((name) => ({ name }) as Row)) }, sink);
    const { styles, sheet } = await rawParts(Buffer.concat(chunks));
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    // A cell without `s` has the default style, 0.
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheet)?.[1] ?? 0);
    const quoted = (ref: string) => /quotePrefix="1"/.test(xfs[styleOf(ref)] ?? '');
    expect([quoted('A2'), quoted('A3'), quoted('A4'), quoted('A5')]).toEqual([true, true, false, false]);
    // The values carry no apostrophe, except the escaped formula's.
    expect(sheet).toContain('<v>+30 210 0000000</v>');
    expect(sheet).toContain('<v>-</v>');
    expect(sheet).toContain('<v>&apos;=1+1</v>');
  });


  it('writes a proper sheet: bold frozen header, auto-filter, widths, real dates, money, Yes/No, numbers', async () => {
    const at = new Date('2026-11-25T09:30:00Z');
    const { result, sheet } = await roundTrip({
      title: 'Things',
      columns: COLUMNS,
      rows: fromArray<Row>([
        { name: '=1+1', at, amount: 1234.5, active: true, count: 3 },
        { name: 'Plain', at, amount: 0.1 + 0.2, active: false, count: 0 },
      ]),
    });
    expect(result).toEqual({ rows: 2, completed: true });
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'When', 'Amount', 'Active', 'Count']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:E3');
    expect(sheet.getColumn(1).width).toBe(30);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("'=1+1");
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect((row.getCell(2).value as Date).toISOString()).toBe(at.toISOString());
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row.getCell(3).value).toBe(1234.5);
    expect(row.getCell(3).numFmt).toContain('€');
    expect(row.getCell(4).value).toBe('Yes');
    expect(row.getCell(5).value).toBe(3);
    expect(sheet.getRow(3).getCell(3).value).toBe(0.3);
    expect(sheet.getRow(3).getCell(4).value).toBe('No');
    // Every row carries its column's format (the cells share one style object per column), and only the header is bold.
    for (const r of [2, 3]) {
      expect(sheet.getRow(r).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(sheet.getRow(r).getCell(5).numFmt).toBe('#,##0');
      expect(sheet.getRow(r).getCell(1).font?.bold).toBeFalsy();
    }
  });

  it('over many strings, every text cell reads back as cellText of its value: escaped, otherwise unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('=A1', '+1', '-2', '@x', '\tx', '\rx', '\u0000=x', ' =x ', '  ')), { minLength: 1, maxLength: 40 }), async (names) => {
        const { sheet } = await roundTrip({ title: 'Names', columns: [COLUMNS[0]!], rows: fromArray(names.map((name) => ({ name }) as Row)) });
        names.forEach((name, i) => {
          const cell = sheet.getRow(i + 2).getCell(1);
          const expected = cellText(name);
          expect(cell.value ?? '').toBe(expected);
          expect(cell.formula).toBeUndefined();
          expect(startsAsFormula(String(cell.value ?? ''))).toBe(false);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('stops taking rows while the output does not drain, and on abort closes the rows and gives up', async () => {
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield { name: `Customer ${produced} ${'x'.repeat(produced % 50)}`, at: new Date(), amount: produced, active: produced % 2 === 0, count: produced } as Row;
        }
      } finally {
        closed = true;
      }
    }
    // An output that takes its first 64 KB and then never drains (a client that stopped reading).
    let taken = 0;
    const stuck = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        taken += chunk.length;
        if (taken < 64 * 1024) done();
      },
    });
    const abort = new AbortController();
    const writing = writeXlsx({ title: 'Endless', columns: COLUMNS, rows: endless() }, stuck, abort.signal);
    // Rows flow until every buffer on the way is full, then none is taken while nothing drains.
    let before = -1;
    for (let i = 0; i < 50 && produced !== before; i++) {
      before = produced;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(produced).toBe(before);
    expect(produced).toBeGreaterThan(100);
    expect(produced).toBeLessThan(100_000);
    abort.abort();
    await expect(writing).resolves.toMatchObject({ completed: false });
    expect(closed).toBe(true);
  });

  it('closes the rows and rethrows when they fail half-way', async () => {
    let closed = false;
    async function* failing() {
      try {
        yield { name: 'one', at: new Date(), amount: 1, active: true, count: 1 } as Row;
        throw new Error('database went away');
      } finally {
        closed = true;
      }
    }
    await expect(writeXlsx({ title: 'Failing', columns: COLUMNS, rows: failing() }, new PassThrough())).rejects.toThrow('database went away');
    expect(closed).toBe(true);
  });

  it('names columns past Z', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
