import { toQueryString } from '@/lib/api-client';
import type { OrderFilters } from './get-orders';

/** Orders.xlsx of an orders grid's current view: its filters and sort, all rows. */
export const orderExportUrl = (filters: OrderFilters, sort: string) => `/api/orders/export.xlsx${toQueryString({ ...filters, sort })}`;
