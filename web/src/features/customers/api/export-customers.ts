import type { CustomerFilters } from '@app/shared';
import { toQueryString } from '@/lib/api-client';

/** Customers.xlsx of the grid's current view: the list's search, sort and reseller, all rows. */
export const customerExportUrl = (view: { search?: string; sort?: string; resellerId?: string } & CustomerFilters) => `/api/customers/export.xlsx${toQueryString(view)}`;
