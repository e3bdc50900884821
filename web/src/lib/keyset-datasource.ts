import type { IDatasource, SortModelItem } from 'ag-grid-community';

/** What every server-paged list takes besides its own filters. */
export interface PageRequest {
  sort: string;
  limit: number;
  cursor?: string | undefined;
  offset?: number | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** AG Grid's sort model as the BFF's `sort` parameter: `field` or `-field`. */
export function toSortParam(model: readonly { colId: string; sort?: 'asc' | 'desc' | null | undefined }[], fallback: string): string {
  const first = model.find((m) => m.sort);
  return first ? `${first.sort === 'desc' ? '-' : ''}${first.colId}` : fallback;
}

export interface KeysetDatasourceOptions<F extends object, T> {
  /** The list's own filters (search, status, …), sent with every block. */
  filters: F;
  defaultSort: string;
  fetchPage: (req: F & PageRequest) => Promise<Page<T>>;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

/**
 * AG Grid's Infinite Row Model over a keyset-paged BFF list: each block follows on from the
 * previous block's cursor, so deep pages cost no more than the first; a block the user jumps to
 * without one (a scrollbar drag) is fetched by offset.
 */
export function createKeysetDatasource<F extends object, T>({ filters, defaultSort, fetchPage, onLoaded }: KeysetDatasourceOptions<F, T>): IDatasource {
  // Keyed by sort and block start: a cursor only continues the ordering it was made for.
  const cursors = new Map<string, string>();
  // Replaced by a datasource for newer filters: an answer still on its way must not report its total.
  let replaced = false;
  return {
    destroy() {
      replaced = true;
    },
    getRows(params) {
      const sort = toSortParam(params.sortModel as SortModelItem[], defaultSort);
      const cursor = params.startRow === 0 ? undefined : cursors.get(`${sort}:${params.startRow}`);
      fetchPage({
        ...filters,
        sort,
        limit: params.endRow - params.startRow,
        cursor,
        offset: cursor || params.startRow === 0 ? undefined : params.startRow,
      }).then(
        (page) => {
          if (page.nextCursor) cursors.set(`${sort}:${params.endRow}`, page.nextCursor);
          params.successCallback(page.items, page.total);
          if (params.startRow === 0 && !replaced) onLoaded({ total: page.total });
        },
        (err: Error) => {
          params.failCallback();
          if (!replaced) onLoaded({ error: err.message });
        },
      );
    },
  };
}
