import type { CustomerFilters, CustomerList } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import type { PageRequest } from '@/lib/keyset-datasource';

export interface CustomerPageRequest extends CustomerFilters, PageRequest {
  search?: string | undefined;
  resellerId?: string | undefined;
}

/** One page for the grid's datasource (AG Grid asks block by block, so this is not a react-query hook). */
export function getCustomerPage(req: CustomerPageRequest, signal?: AbortSignal): Promise<CustomerList> {
  return apiRequest<CustomerList>(`/api/customers${toQueryString({ ...req })}`, { signal });
}
