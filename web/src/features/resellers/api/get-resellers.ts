import type { ResellerList } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import type { PageRequest } from '@/lib/keyset-datasource';

export interface ResellerFilters {
  search?: string | undefined;
  status?: string | undefined;
  paymentMethod?: string | undefined;
  waiting?: string | undefined;
}

/** One page for the grid's datasource (AG Grid asks block by block, so this is not a react-query hook). */
export function getResellerPage(req: ResellerFilters & PageRequest, signal?: AbortSignal): Promise<ResellerList> {
  return apiRequest<ResellerList>(`/api/resellers${toQueryString({ ...req })}`, { signal });
}

/** Resellers.xlsx of the grid's current view: its filters and sort, every row. */
export const resellerExportUrl = (filters: ResellerFilters, sort: string) => `/api/resellers/export.xlsx${toQueryString({ ...filters, sort })}`;
