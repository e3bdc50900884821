import type { IDatasource } from 'ag-grid-community';
import type { CustomerFilters, CustomerList } from '@app/shared';
import { createKeysetDatasource, toSortParam as toSort } from '@/lib/keyset-datasource';
import type { CustomerPageRequest } from '../api/get-customers';

export const DEFAULT_SORT = 'companyName';

/** AG Grid's sort model as the customer list's `sort` parameter. */
export const toSortParam = (model: readonly { colId: string; sort?: 'asc' | 'desc' | null | undefined }[]) => toSort(model, DEFAULT_SORT);

export interface CustomerDatasourceOptions {
  search: string;
  resellerId: string;
  filters?: CustomerFilters;
  fetchPage: (req: CustomerPageRequest) => Promise<CustomerList>;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

/** The customer grid's rows: GET /api/customers, keyset-paged (lib/keyset-datasource.ts). */
export function createCustomerDatasource({ search, resellerId, filters = {}, fetchPage, onLoaded }: CustomerDatasourceOptions): IDatasource {
  return createKeysetDatasource({
    filters: { search: search || undefined, resellerId: resellerId || undefined, ...filters },
    defaultSort: DEFAULT_SORT,
    fetchPage,
    onLoaded,
  });
}
