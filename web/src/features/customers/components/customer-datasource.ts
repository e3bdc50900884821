import type { IDatasource, SortModelItem } from 'ag-grid-community';
import type { CustomerList } from '@app/shared';
import type { CustomerPageRequest } from '../api/get-customers';

export const DEFAULT_SORT = 'companyName';

/** AG Grid's sort model as the BFF's `sort` parameter: `field` or `-field`. */
export function toSortParam(model: readonly { colId: string; sort?: 'asc' | 'desc' | null | undefined }[]): string {
  const first = model.find((m) => m.sort);
  return first ? `${first.sort === 'desc' ? '-' : ''}${first.colId}` : DEFAULT_SORT;
}

export interface CustomerDatasourceOptions {
  search: string;
  resellerId: string;
  fetchPage: (req: CustomerPageRequest) => Promise<CustomerList>;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

/**
 * AG Grid's Infinite Row Model over GET /api/customers: each block follows on from the previous
 * block's keyset cursor, so deep pages cost no more than the first; a block the user jumps to
 * without one (a scrollbar drag) is fetched by offset.
 */
export function createCustomerDatasource({ search, resellerId, fetchPage, onLoaded }: CustomerDatasourceOptions): IDatasource {
  // Keyed by sort and block start: a cursor only continues the ordering it was made for.
  const cursors = new Map<string, string>();
  return {
    getRows(params) {
      const sort = toSortParam(params.sortModel as SortModelItem[]);
      const cursor = params.startRow === 0 ? undefined : cursors.get(`${sort}:${params.startRow}`);
      fetchPage({
        search: search || undefined,
        resellerId: resellerId || undefined,
        sort,
        limit: params.endRow - params.startRow,
        cursor,
        offset: cursor || params.startRow === 0 ? undefined : params.startRow,
      }).then(
        (page) => {
          if (page.nextCursor) cursors.set(`${sort}:${params.endRow}`, page.nextCursor);
          params.successCallback(page.items, page.total);
          if (params.startRow === 0) onLoaded({ total: page.total });
        },
        (err: Error) => {
          params.failCallback();
          onLoaded({ error: err.message });
        },
      );
    },
  };
}
