import { Text, UnstyledButton } from '@mantine/core';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { useMemo } from 'react';
import type { AuditEventRow } from '@app/shared';
import { ServerGrid, withInitialSort } from '@/components/grid/server-grid';
import { formatDate } from '@/lib/format';
import { createKeysetDatasource } from '@/lib/keyset-datasource';
import { getAuditEventPage, type AuditFilters } from '../api/get-audit-events';
import { actionLabel, browserText, changesText } from './audit-text';

export const DEFAULT_AUDIT_SORT = '-at';

export interface AuditGridProps {
  filters: AuditFilters;
  sort: string;
  onSortChange: (sort: string) => void;
  dateFormat: string;
  /** The viewer oversees several resellers: a column says whose each event is. */
  showReseller: boolean;
  onOpen: (event: AuditEventRow) => void;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

const twoLines = (top: string, bottom: string | null, strong = false) => (
  <div style={{ lineHeight: 1.3, overflow: 'hidden' }}>
    <Text size="sm" fw={strong ? 600 : 400} truncate>
      {top}
    </Text>
    {bottom && (
      <Text size="xs" c="dimmed" truncate>
        {bottom}
      </Text>
    )}
  </div>
);
const centred = { display: 'flex', alignItems: 'center' };

/** The audit log: server-side rows, sort by time and keyset paging; each row opens its details. */
export default function AuditGrid({ filters, sort, onSortChange, dateFormat, showReseller, onOpen, onLoaded }: AuditGridProps) {
  const filterKey = JSON.stringify(filters);
  const datasource = useMemo<IDatasource>(
    () => createKeysetDatasource({ filters: JSON.parse(filterKey) as AuditFilters, defaultSort: DEFAULT_AUDIT_SORT, fetchPage: getAuditEventPage, onLoaded }),
    [filterKey, onLoaded],
  );

  const columnDefs = useMemo<ColDef<AuditEventRow>[]>(() => {
    const cols: ColDef<AuditEventRow>[] = [
      { colId: 'at', field: 'at', headerName: 'When', width: 150, cellStyle: centred, valueFormatter: (p) => (p.data ? formatDate(p.data.at, dateFormat, true) : '') },
      {
        colId: 'what',
        headerName: 'What',
        sortable: false,
        flex: 1.3,
        minWidth: 190,
        cellStyle: centred,
        cellRenderer: (p: ICellRendererParams<AuditEventRow>) =>
          p.data ? (
            <UnstyledButton onClick={() => onOpen(p.data!)} aria-label={`Details: ${actionLabel(p.data.action)}, ${p.data.target.label ?? ''}`} style={{ minWidth: 0 }}>
              {twoLines(actionLabel(p.data.action), p.data.target.label, true)}
            </UnstyledButton>
          ) : null,
      },
      {
        colId: 'changes',
        headerName: 'Changes (before → after)',
        sortable: false,
        flex: 2,
        minWidth: 220,
        cellStyle: centred,
        tooltipValueGetter: (p) => (p.data ? changesText(p.data.changes) : ''),
        cellRenderer: (p: ICellRendererParams<AuditEventRow>) =>
          p.data ? (
            <Text size="sm" lineClamp={2} style={{ lineHeight: 1.3, whiteSpace: 'normal' }}>
              {changesText(p.data.changes) || '—'}
            </Text>
          ) : null,
      },
      {
        colId: 'who',
        headerName: 'Who',
        sortable: false,
        flex: 1.2,
        minWidth: 170,
        cellStyle: centred,
        cellRenderer: (p: ICellRendererParams<AuditEventRow>) => (p.data ? twoLines(p.data.actor.name, p.data.actor.email) : null),
      },
      ...(showReseller
        ? [{ colId: 'reseller', field: 'resellerName', headerName: 'Reseller', sortable: false, flex: 1, minWidth: 130, cellStyle: centred, tooltipField: 'resellerName', valueFormatter: (p) => p.data?.resellerName ?? '—' } satisfies ColDef<AuditEventRow>]
        : []),
      { colId: 'customer', field: 'customerName', headerName: 'Customer', sortable: false, flex: 1.1, minWidth: 140, cellStyle: centred, tooltipField: 'customerName', valueFormatter: (p) => p.data?.customerName ?? '—' },
      {
        colId: 'where',
        headerName: 'From where',
        sortable: false,
        width: 170,
        cellStyle: centred,
        tooltipValueGetter: (p) => p.data?.userAgent ?? '',
        cellRenderer: (p: ICellRendererParams<AuditEventRow>) => (p.data ? twoLines(p.data.ip ?? '—', browserText(p.data.userAgent)) : null),
      },
    ];
    return withInitialSort(cols, sort);
    // The sort only seeds new columns; later changes go through ServerGrid.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dateFormat, showReseller, onOpen]);

  return (
    <ServerGrid<AuditEventRow>
      datasource={datasource}
      columnDefs={columnDefs}
      sort={sort}
      defaultSort={DEFAULT_AUDIT_SORT}
      onSortChange={onSortChange}
      sortingOrder={['desc', 'asc']}
      getRowId={(row) => row.id}
      rowHeight={56}
    />
  );
}
