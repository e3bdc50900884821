import ExcelJS from 'exceljs';
import { CUSTOMER_IMPORT_COLUMNS } from '@app/shared';

/** The template: the columns the import reads (required ones marked) and one example row, every cell text. */
export async function importTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Customers');
  sheet.columns = CUSTOMER_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(16, c.header.length + 4), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(CUSTOMER_IMPORT_COLUMNS.map((c) => [c.key, c.example])));
  const notes = book.addWorksheet('How to fill it in');
  notes.addRows([
    ['One row per customer; the first sheet is read, its first row names the columns.'],
    ['Customer email is the key: a row whose email is one of your customers updates it; the same file twice changes nothing the second time.'],
    [`Required: ${CUSTOMER_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header).join(', ')}.`],
    ['Price level: the name of one of your levels, for every category (empty: leave as is).'],
    ['User first name, last name and email: a storefront user for the customer (optional), added waiting for activation.'],
    ['Cells are read as text: formulas are never calculated.'],
  ]);
  notes.getColumn(1).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}
