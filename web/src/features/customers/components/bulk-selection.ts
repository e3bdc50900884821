import type { CustomerBulkFilter, CustomerSelection } from '@app/shared';

/** The rows picked in the grid (id and name, for the confirmation), or every customer matching the view. */
export type BulkSelection = { kind: 'rows'; rows: { id: string; companyName: string }[] } | { kind: 'all'; filter: CustomerBulkFilter; count: number };

export const selectionSize = (s: BulkSelection) => (s.kind === 'rows' ? s.rows.length : s.count);

/** The request's selection: picked ids, or the filter with the count the person confirmed. */
export const toRequestSelection = (s: BulkSelection): CustomerSelection =>
  s.kind === 'rows' ? { kind: 'ids', ids: s.rows.map((r) => r.id) } : { kind: 'filter', filter: s.filter, confirmedCount: s.count };

export const customersWord = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'customer' : 'customers'}`;
