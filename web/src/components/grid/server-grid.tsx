import './grid.css';
import type { ColDef, GridApi, IDatasource, RowSelectionOptions, SortChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useRef } from 'react';
import { toSortParam } from '@/lib/keyset-datasource';
import { gridTheme } from './grid-setup';

export interface ServerGridProps<T> {
  datasource: IDatasource;
  columnDefs: ColDef<T>[];
  /** The sort as the BFF takes it (`field` or `-field`), e.g. kept in the URL. */
  sort: string;
  defaultSort: string;
  onSortChange: (sort: string) => void;
  /** Which way a column sorts first when its header is clicked. */
  sortingOrder?: ('asc' | 'desc')[];
  /** Hands the grid's API over, for the caller to refresh the rows after a change it made. */
  onReady?: (api: GridApi<T>) => void;
  getRowId: (row: T) => string;
  /** Taller rows for cells of two lines (the theme's default otherwise). */
  rowHeight?: number;
  /** The row to show at the top once the first rows are in (coming back to the list). */
  initialTopRow?: number | undefined;
  /** The first row on screen, after each scroll. */
  onTopRowChange?: ((row: number) => void) | undefined;
  /** Rows picked with checkboxes (a column of its own, pinned left); their data after each change. */
  onSelectionChange?: ((rows: T[]) => void) | undefined;
}

const ROW_SELECTION: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };

const BLOCK = 100;

/** The split of a sort value into the column and direction AG Grid shows. */
export function sortColumn(sort: string): [string, 'asc' | 'desc'] {
  return sort.startsWith('-') ? [sort.slice(1), 'desc'] : [sort, 'asc'];
}

/**
 * An AG Grid over a server-paged list (Infinite Row Model): rows, sorting and paging are the
 * server's. The sort follows `sort` when it changes from outside (back/forward, a shared link).
 */
export function ServerGrid<T>({ datasource, columnDefs, sort, defaultSort, onSortChange, sortingOrder = ['asc', 'desc'], onReady, getRowId, rowHeight, initialTopRow, onTopRowChange, onSelectionChange }: ServerGridProps<T>) {
  const ref = useRef<GridApi<T> | null>(null);
  const restored = useRef(false);
  const [sortCol, sortDir] = sortColumn(sort);
  const sortOf = (api: GridApi<T>) => toSortParam(api.getColumnState().map((c) => ({ colId: c.colId, sort: c.sort ?? null })), defaultSort);

  useEffect(() => {
    const api = ref.current;
    if (!api) return;
    if (sortOf(api) !== sort) api.applyColumnState({ state: [{ colId: sortCol, sort: sortDir }], defaultState: { sort: null } });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sort, sortCol, sortDir]);

  return (
    <AgGridReact<T>
      theme={gridTheme}
      rowModelType="infinite"
      datasource={datasource}
      columnDefs={columnDefs}
      // A header longer than its column wraps to a second line rather than being cut.
      defaultColDef={{ sortable: true, sortingOrder, resizable: false, wrapHeaderText: true, autoHeaderHeight: true }}
      cacheBlockSize={BLOCK}
      maxBlocksInCache={50}
      infiniteInitialRowCount={1}
      getRowId={(p) => getRowId(p.data)}
      {...(rowHeight ? { rowHeight } : {})}
      {...(onSelectionChange
        ? { rowSelection: ROW_SELECTION, selectionColumnDef: { pinned: 'left' as const, width: 48, lockPinned: true }, onSelectionChanged: (e: { api: GridApi<T> }) => onSelectionChange(e.api.getSelectedRows()) }
        : {})}
      onGridReady={(e) => {
        ref.current = e.api;
        onReady?.(e.api);
      }}
      onSortChanged={(e: SortChangedEvent<T>) => onSortChange(sortOf(e.api))}
      onFirstDataRendered={(e) => {
        if (restored.current) return;
        restored.current = true;
        // Once: later loads (a new sort or search) start at the top as usual.
        if (initialTopRow && initialTopRow > 0) e.api.ensureIndexVisible(initialTopRow, 'top');
      }}
      onBodyScrollEnd={(e) => {
        if (e.direction === 'vertical') onTopRowChange?.(firstVisibleRow(e.api));
      }}
      tooltipShowMode="whenTruncated"
      tooltipShowDelay={400}
      ensureDomOrder
    />
  );
}

/** The first row on screen (AG Grid's "first displayed" row also counts the rows rendered above it as a buffer). */
function firstVisibleRow<T>(api: GridApi<T>): number {
  const { top } = api.getVerticalPixelRange();
  for (let i = api.getFirstDisplayedRowIndex(), last = api.getLastDisplayedRowIndex(); i <= last; i++) {
    const node = api.getDisplayedRowAtIndex(i);
    if (node && (node.rowTop ?? 0) + (node.rowHeight ?? 0) > top) return i;
  }
  return api.getFirstDisplayedRowIndex();
}

/** Columns with the initial sort marked on the one `sort` names (new columns only; later sorts go through the grid). */
export function withInitialSort<T>(cols: ColDef<T>[], sort: string): ColDef<T>[] {
  const [colId, dir] = sortColumn(sort);
  return cols.map((c) => (c.colId === colId ? { ...c, initialSort: dir } : c));
}
