import type { IDatasource, SortModelItem } from 'ag-grid-community';

/** What every server-paged list takes besides its own filters. */
export interface PageRequest {
  sort: string;
  limit: number;
  cursor?: string | undefined;
  offset?: number | undefined;
  /** `'1'`: count the whole view too (the first page of a view only; see FIRST_PAGE_OF_VIEW). */
  total?: '1' | undefined;
}

export interface Page<T> {
  items: T[];
  /** Present when the request asked for it. */
  total?: number | undefined;
  nextCursor: string | null;
}

/** What a view's first page adds to its request: the count of the whole view, asked once per view. */
export const FIRST_PAGE_OF_VIEW = { total: '1' } as const;

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
 * without one (a scrollbar drag) is fetched by offset. Only the first block of a view (a new
 * sort, filter or refresh) asks for the view's count; the blocks after it are pages alone, and
 * the grid keeps the count the first one brought (or the end a last page shows).
 */
export function createKeysetDatasource<F extends object, T>({ filters, defaultSort, fetchPage, onLoaded }: KeysetDatasourceOptions<F, T>): IDatasource {
  // Keyed by sort and block start: a cursor only continues the ordering it was made for.
  const cursors = new Map<string, string>();
  let total: number | undefined;
  // Replaced by a datasource for newer filters: an answer still on its way must not report its total.
  let replaced = false;
  return {
    destroy() {
      replaced = true;
    },
    getRows(params) {
      const sort = toSortParam(params.sortModel as SortModelItem[], defaultSort);
      const first = params.startRow === 0;
      const cursor = first ? undefined : cursors.get(`${sort}:${params.startRow}`);
      fetchPage({
        ...filters,
        sort,
        limit: params.endRow - params.startRow,
        cursor,
        offset: cursor || first ? undefined : params.startRow,
        ...(first ? FIRST_PAGE_OF_VIEW : {}),
      }).then(
        (page) => {
          if (page.nextCursor) cursors.set(`${sort}:${params.endRow}`, page.nextCursor);
          // A page that ends the list says where it ends; otherwise the view's count, or "not known yet" (-1).
          const end = page.nextCursor === null ? params.startRow + page.items.length : undefined;
          if (first) total = page.total ?? end;
          params.successCallback(page.items, end ?? total ?? -1);
          if (first && !replaced) onLoaded({ total: total ?? page.items.length });
        },
        (err: Error) => {
          params.failCallback();
          if (!replaced) onLoaded({ error: err.message });
        },
      );
    },
  };
}
