import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { rawBody } from './raw-body.js';

/** GETs an export and opens it with exceljs; `rows` are the data rows' cell values (header excluded). */
export async function downloadXlsx(app: Express, url: string, cookie: string) {
  const res = await rawBody(request(app).get(url).set('Cookie', cookie));
  if (res.status !== 200) return { res, sheet: undefined, header: [] as unknown[], rows: [] as unknown[][] };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as never);
  const sheet = workbook.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let n = 2; n <= sheet.rowCount; n++) rows.push(values(n));
  return { res, sheet, header: values(1), rows };
}

/** Every text cell of a sheet. */
export function textCells(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && out.push(cell.value))));
  return out;
}
