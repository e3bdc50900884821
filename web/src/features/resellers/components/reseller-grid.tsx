import { Anchor, Stack, Text } from '@mantine/core';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { ResellerRow } from '@app/shared';
import { ServerGrid, withInitialSort } from '@/components/grid/server-grid';
import { createKeysetDatasource } from '@/lib/keyset-datasource';
import { formatAge, formatMoney, formatNumber } from '@/lib/format';
import { getResellerPage, type ResellerFilters } from '../api/get-resellers';
import { PaymentLabel, StatusBadge } from './reseller-badges';

export const DEFAULT_RESELLER_SORT = 'name';

export interface ResellerGridProps {
  filters: ResellerFilters;
  sort: string;
  detailPath: (id: string) => string;
  onSortChange: (sort: string) => void;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

const count = (n: number) => formatNumber(n);

/** The resellers grid: server-side rows, sort, search and filters; the figure columns sort by the figures kept on each reseller. */
export default function ResellerGrid({ filters, sort, detailPath, onSortChange, onLoaded }: ResellerGridProps) {
  const { search, status, paymentMethod, waiting } = filters;
  const datasource = useMemo<IDatasource>(
    () => createKeysetDatasource({ filters: { search, status, paymentMethod, waiting }, defaultSort: DEFAULT_RESELLER_SORT, fetchPage: getResellerPage, onLoaded }),
    [search, status, paymentMethod, waiting, onLoaded],
  );

  const columnDefs = useMemo<ColDef<ResellerRow>[]>(
    () =>
      withInitialSort(
        [
          {
            colId: 'name',
            field: 'name',
            headerName: 'Reseller',
            tooltipValueGetter: (p) => (p.data ? [p.data.name, p.data.contactName, p.data.contactEmail].filter(Boolean).join(' · ') : ''),
            flex: 2.4,
            minWidth: 320,
            // The contact under the name: the name gets the width it needs, the contact stays in view.
            cellRenderer: (p: ICellRendererParams<ResellerRow>) =>
              p.data ? (
                <Stack gap={0} justify="center" h="100%" style={{ lineHeight: 1.35, minWidth: 0 }}>
                  <Anchor component={Link} to={detailPath(p.data.id)} fw={600} truncate>
                    {p.data.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" truncate>
                    {[p.data.contactName, p.data.contactEmail || p.data.phone].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
              ) : null,
          },
          {
            colId: 'paymentMethod',
            field: 'paymentMethod',
            headerName: 'Payment',
            width: 120,
            cellRenderer: (p: ICellRendererParams<ResellerRow>) => (p.data ? <PaymentLabel method={p.data.paymentMethod} /> : null),
          },
          { colId: 'customers', headerName: 'Customers', type: 'rightAligned', width: 118, valueGetter: (p) => (p.data ? count(p.data.figures.customers) : '') },
          {
            colId: 'monthlyRunRate',
            headerName: 'Monthly run rate',
            type: 'rightAligned',
            width: 132,
            valueGetter: (p) => (p.data ? formatMoney(p.data.figures.monthlyRunRate, p.data.figures.currency) : ''),
          },
          { colId: 'waiting', headerName: 'Waiting', headerTooltip: 'Orders waiting for approval', type: 'rightAligned', width: 100, valueGetter: (p) => (p.data ? count(p.data.figures.ordersPendingApproval) : '') },
          { colId: 'inProgress', headerName: 'In progress', headerTooltip: 'Orders in progress', type: 'rightAligned', width: 104, valueGetter: (p) => (p.data ? count(p.data.figures.ordersInProgress) : '') },
          {
            colId: 'oldestWaiting',
            headerName: 'Oldest wait',
            headerTooltip: 'Age of the oldest order waiting for approval',
            width: 104,
            sortable: false,
            valueGetter: (p) => (p.data ? (p.data.figures.oldestPendingOrderAt ? formatAge(p.data.figures.oldestPendingOrderAt) : '—') : ''),
          },
          {
            colId: 'status',
            field: 'status',
            headerName: 'Status',
            width: 90,
            cellRenderer: (p: ICellRendererParams<ResellerRow>) => (p.data ? <StatusBadge status={p.data.status} plain /> : null),
          },
        ],
        sort,
      ),
    // The sort only seeds new columns; later changes go through the grid.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detailPath],
  );

  return <ServerGrid<ResellerRow> datasource={datasource} columnDefs={columnDefs} sort={sort} defaultSort={DEFAULT_RESELLER_SORT} onSortChange={onSortChange} getRowId={(r) => r.id} rowHeight={52} />;
}
