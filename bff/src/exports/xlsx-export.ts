/**
 * Excel exports, streamed: the one exporter every grid uses. It knows no feature.
 *
 * How a grid gets its export (Customers.xlsx, Orders.xlsx; Resellers.xlsx and the audit log the same way):
 *
 *   // <feature>/<feature>-export.ts — the service: declare the columns once, hand back the rows.
 *   const columns: ExportColumn<LeanOrder>[] = [
 *     { header: 'Order #', width: 14, type: 'text', value: (o) => o.number },
 *     { header: 'Order date', width: 18, type: 'date', withTime: true, value: (o) => o.orderedAt },
 *     { header: 'Total amount', width: 16, type: 'money', currency, value: (o) => o.totalAmountCents / 100 },
 *     { header: 'Monthly', width: 10, type: 'yesNo', value: (o) => o.monthly },
 *   ];
 *   export async function orderExport(actor: Actor, q: OrderExportQuery): Promise<ExportContent<LeanOrder>> {
 *     const { filter, sort } = orderView(q);                       // the SAME query the list pages
 *     return { columns, rows: cursorRows(scoped(Order.find(filter).sort(sort).lean(), actor.scope)) };
 *   }
 *
 *   // shared: the export's query is the list's view, without paging
 *   export const orderExportQuerySchema = exportQueryOf(orderListQuerySchema).meta({ id: 'OrderExportQuery' });
 *
 *   // <feature>.routes.ts — the route: GET …/export.xlsx, the file's title, the service
 *   exportRoute({ path: '/api/orders/export.xlsx', tag, summary, roles, query: orderExportQuerySchema, title: 'Orders', build: orderExport }),
 *
 * Services never see Express: they return an `ExportContent` (columns + an async iterable of rows);
 * `exportRoute` (export-route.ts) declares the route and its file's title, `sendXlsx`
 * (send-xlsx.ts) writes the export to the response with the file name, headers and abort
 * handling, `writeXlsx` (write-xlsx.ts) turns it into the workbook with backpressure, and
 * `cursorRows` (cursor-rows.ts) turns a lean, scoped mongoose query into rows whose cursor closes
 * when the export ends for any reason. Every text cell passes `cellText` (formula escaping).
 */

interface ColumnBase<T, V> {
  header: string;
  /** In characters, as Excel counts column widths. */
  width: number;
  /** The cell's value for a row; null or undefined leaves the cell empty. */
  value: (row: T) => V | null | undefined;
}

export type ExportColumn<T> =
  | (ColumnBase<T, string> & { type: 'text' })
  /** An Excel date (a serial number with a date format), in UTC; `withTime` adds hours and minutes. */
  | (ColumnBase<T, Date> & { type: 'date'; withTime?: boolean })
  /** A number in major units (12.5 = €12.50) with the currency's number format. */
  | (ColumnBase<T, number> & { type: 'money'; currency: string })
  /** "Yes" or "No". */
  | (ColumnBase<T, boolean> & { type: 'yesNo' })
  /** A plain number; `format` is an Excel number format (default `#,##0`). */
  | (ColumnBase<T, number> & { type: 'number'; format?: string });

export type ColumnType = ExportColumn<unknown>['type'];

/** What a feature's export service hands back; its route names the file (export-route.ts). */
export interface ExportContent<T> {
  columns: readonly ExportColumn<T>[];
  /** The rows in order. Ending the iteration early (return()) must release what feeds it. */
  rows: AsyncIterable<T>;
}

export interface XlsxExport<T> extends ExportContent<T> {
  /** The file and sheet name: `Orders` → `Orders-2026-11-25.xlsx`, sheet "Orders". */
  title: string;
}
