import { ActionIcon, Anchor, Badge, Group, Menu, Text } from '@mantine/core';
import { IconCheck, IconDots, IconMinus } from '@tabler/icons-react';
import type { ColDef, GridApi, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { CustomerFilters, CustomerRow } from '@app/shared';
import { formatDate, formatMoney } from '@/lib/format';
import { WatchNoteMark } from '@/components/watch-note';
import { getCustomerPage } from '../api/get-customers';
import { ServerGrid, withInitialSort } from '@/components/grid/server-grid';
import { createCustomerDatasource, DEFAULT_SORT } from './customer-datasource';
import { useOpenSso } from './use-open-sso';

export interface CustomerGridProps {
  /** The record page of a row. */
  recordPath: (id: string) => string;
  search: string;
  sort: string;
  resellerId: string;
  filters: CustomerFilters;
  /** The viewer's date format (the Overdue column's tooltip). */
  dateFormat: string;
  /** Column ids the person chose not to see (customer-columns.ts). */
  hiddenColumns: readonly string[];
  showReseller: boolean;
  /** The Actions column, for a viewer who may act on rows beyond opening them. */
  showActions: boolean;
  onSortChange: (sort: string) => void;
  onLoaded: (result: { total: number } | { error: string }) => void;
  initialTopRow?: number | undefined;
  onTopRowChange?: ((row: number) => void) | undefined;
  /** Rows can be picked for bulk actions: the picked rows after each change. */
  onSelectionChange?: ((rows: CustomerRow[]) => void) | undefined;
  /** The grid's API, for the page to clear the selection and read the rows again after a bulk action. */
  onReady?: ((api: GridApi<CustomerRow>) => void) | undefined;
}

/** The customer grid: server-side rows, sort and search (see customer-datasource.ts). */
export default function CustomerGrid(props: CustomerGridProps) {
  const { search, resellerId, onLoaded, recordPath, showReseller, showActions, sort, hiddenColumns, dateFormat } = props;
  // On a phone only two columns fit: the name stays put while the others scroll past it.
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const filterKey = JSON.stringify(props.filters);

  const datasource = useMemo<IDatasource>(
    () => createCustomerDatasource({ search, resellerId, filters: JSON.parse(filterKey) as CustomerFilters, onLoaded, fetchPage: getCustomerPage }),
    [search, resellerId, filterKey, onLoaded],
  );

  const columnDefs = useMemo<ColDef<CustomerRow>[]>(
    () => withInitialSort(([
      {
        colId: 'companyName',
        field: 'companyName',
        headerName: 'Company name',
        tooltipField: 'companyName',
        cellStyle: { display: 'flex', alignItems: 'center' },
        ...(narrow ? { pinned: 'left' as const, lockPinned: true, width: 170 } : { flex: 2, minWidth: 190 }),
        cellRenderer: (p: ICellRendererParams<CustomerRow>) =>
          p.data ? (
            <Group gap={6} wrap="nowrap">
              <Anchor component={Link} to={recordPath(p.data.id)} fw={600} truncate>
                {p.data.companyName}
              </Anchor>
              {p.data.watchNote && <WatchNoteMark text={p.data.watchNote} />}
              {!p.data.active && (
                <Badge color="gray.7" variant="filled" size="sm" tt="none" style={{ flexShrink: 0 }}>
                  Inactive
                </Badge>
              )}
            </Group>
          ) : null,
      },
      ...(showReseller ? [{ colId: 'reseller', field: 'resellerName', headerName: 'Reseller', tooltipField: 'resellerName', flex: 1.4, minWidth: 150, sortable: false } as ColDef<CustomerRow>] : []),
      { colId: 'phone', field: 'phone', headerName: 'Phone', width: 168 },
      { colId: 'city', field: 'city', headerName: 'City', tooltipField: 'city', flex: 1, minWidth: 100 },
      { colId: 'email', field: 'email', headerName: 'Email', tooltipField: 'email', flex: 2, minWidth: 180 },
      {
        colId: 'monthlyRunRate',
        field: 'monthlyRunRate',
        headerName: 'Monthly run rate',
        type: 'rightAligned',
        // Wide enough for the label and the sort arrow side by side.
        width: 196,
        valueFormatter: (p) => (p.data ? formatMoney(p.data.monthlyRunRate, p.data.currency) : ''),
      },
      {
        colId: 'balance',
        field: 'balanceCents',
        headerName: 'Balance',
        type: 'rightAligned',
        sortable: false,
        width: 200,
        cellRenderer: (p: ICellRendererParams<CustomerRow>) =>
          !p.data ? null : (
            <Group gap={6} wrap="nowrap" justify="flex-end">
              {p.data.overLimit && (
                <Badge color="red.8" variant="light" size="sm" tt="none">
                  Over limit
                </Badge>
              )}
              <span>{formatMoney(p.data.balanceCents / 100, p.data.currency)}</span>
            </Group>
          ),
      },
      {
        colId: 'overdue',
        field: 'overdueSince',
        headerName: 'Overdue',
        sortable: false,
        width: 130,
        tooltipValueGetter: (p) => (p.data?.overdueSince ? `Oldest open invoice due ${formatDate(p.data.overdueSince, dateFormat)}` : undefined),
        cellRenderer: (p: ICellRendererParams<CustomerRow>) =>
          !p.data ? null : p.data.overdueSince ? (
            <Text span size="sm" c="red.8" fw={500}>
              {overdueDays(p.data.overdueSince)}
            </Text>
          ) : (
            <Text span size="sm" c="dimmed" aria-label="Nothing overdue">
              —
            </Text>
          ),
      },
      {
        colId: 'storefrontAccess',
        field: 'storefrontAccess',
        headerName: 'Storefront',
        sortable: false,
        width: 124,
        cellRenderer: (p: ICellRendererParams<CustomerRow>) =>
          !p.data ? null : p.data.storefrontAccess ? (
            <IconCheck color="var(--mantine-color-green-8)" aria-label="Has storefront access" role="img" style={{ verticalAlign: 'middle' }} />
          ) : (
            <IconMinus color="var(--mantine-color-gray-6)" aria-label="No storefront access" role="img" style={{ verticalAlign: 'middle' }} />
          ),
      },
      // A read-only viewer's only row action would be "Open record", which the name link already is.
      ...(showActions
        ? [
            {
              colId: 'actions',
              headerName: 'Actions',
              sortable: false,
              width: 92,
              cellStyle: { display: 'flex', alignItems: 'center' },
              cellRenderer: (p: ICellRendererParams<CustomerRow>) => (p.data ? <RowActions row={p.data} recordPath={recordPath(p.data.id)} /> : null),
            } as ColDef<CustomerRow>,
          ]
        : []),
    ] satisfies ColDef<CustomerRow>[]).map((c) => ({ ...c, hide: hiddenColumns.includes(c.colId ?? '') })), sort),
    // The sort only seeds new columns; later changes go through applyColumnState below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [recordPath, showReseller, showActions, narrow, hiddenColumns, dateFormat],
  );

  return (
    <ServerGrid<CustomerRow>
      datasource={datasource}
      columnDefs={columnDefs}
      sort={sort}
      defaultSort={DEFAULT_SORT}
      onSortChange={props.onSortChange}
      getRowId={(row) => row.id}
      initialTopRow={props.initialTopRow}
      onTopRowChange={props.onTopRowChange}
      onSelectionChange={props.onSelectionChange}
      onReady={props.onReady}
    />
  );
}

const DAY_MS = 86_400_000;
/** How long the oldest open invoice is past due, in whole days (under a day reads as today). */
function overdueDays(since: string, now = Date.now()): string {
  const days = Math.floor((now - new Date(since).getTime()) / DAY_MS);
  return days < 1 ? 'Due today' : `${days} ${days === 1 ? 'day' : 'days'}`;
}

function RowActions({ row, recordPath }: { row: CustomerRow; recordPath: string }) {
  const openSso = useOpenSso(row.id);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${row.companyName}`}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={recordPath}>
          Open record
        </Menu.Item>
        {row.abilities.openWorkspace && (
          <>
            <Menu.Divider />
            <Menu.Label>
              <Text size="xs">Distributor workspace</Text>
            </Menu.Label>
            <Menu.Item onClick={() => openSso('services')}>Manage services</Menu.Item>
            <Menu.Item onClick={() => openSso('subscriptions')}>Manage subscriptions</Menu.Item>
            <Menu.Item onClick={() => openSso('assets')}>Manage assets</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
