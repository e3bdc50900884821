import { ActionIcon, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconDots, IconUser } from '@tabler/icons-react';
import type { ColDef, GridApi, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { useMemo, useRef } from 'react';
import { useTranslation } from '@/lib/i18n';
import { ORDER_STATUS_LABEL, type Order } from '@app/shared';
import { ServerGrid, withInitialSort } from '@/components/grid/server-grid';
import { formatDate, formatMoney } from '@/lib/format';
import { createKeysetDatasource } from '@/lib/keyset-datasource';
import { DEFAULT_ORDER_SORT, getOrderPage, type OrderFilters } from '../api/get-orders';
import { useDecideOrder } from '../api/mutations';
import { confirmDecision, DECISION_COPY, decisionsFor } from './decide-order';
import { OpenOrderMenuItem, OrderLink } from './order-link';
import { OrderStatusBadge } from './order-status-badge';


export interface OrdersGridProps {
  filters: OrderFilters;
  sort: string;
  onSortChange: (sort: string) => void;
  orderPath: (id: string) => string;
  /** This page's name, for the order page's back link ("Orders", the customer's name). */
  returnLabel: string;
  dateFormat: string;
  /** Columns a view needs beyond the order's own: the customer (across customers), the reseller (across resellers). */
  showCustomer?: boolean;
  showReseller?: boolean;
  /** Cost is shown to those the server sends it to; a storefront user's grid has no such column. */
  showCost?: boolean;
  onLoaded: (result: { total: number } | { error: string }) => void;
}

/** A status badge's column: about 7.5 px a character of its longest label, with the badge's and the cell's padding. */
function statusWidth(only: Order['status'] | undefined, label: (status: Order['status']) => string): number {
  const statuses = only ? [only] : (Object.keys(ORDER_STATUS_LABEL) as Order['status'][]);
  const longest = Math.max(...statuses.map((s) => label(s).length));
  return Math.max(110, Math.ceil(longest * 7.5 + 48));
}

/** Any orders grid: server-side rows, sort and filters, row actions from each order's abilities. */
export default function OrdersGrid(props: OrdersGridProps) {
  const { filters, sort, orderPath, returnLabel, dateFormat, showCustomer = false, showReseller = false, showCost = true, onLoaded } = props;
  const { t, i18n } = useTranslation('orders');
  // The status badges' words, as the badge says them (the common messages).
  const { t: common } = useTranslation();
  const decide = useDecideOrder();
  // Read at once (not after a first render), so the grid starts with its phone or desk layout.
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const apiRef = useRef<GridApi<Order> | null>(null);
  const filterKey = JSON.stringify(filters);

  const datasource = useMemo<IDatasource>(
    () => createKeysetDatasource({ filters: JSON.parse(filterKey) as OrderFilters, defaultSort: DEFAULT_ORDER_SORT, fetchPage: getOrderPage, onLoaded }),
    [filterKey, onLoaded],
  );

  const columnDefs = useMemo<ColDef<Order>[]>(() => {
    const run = (order: Order, decision: Parameters<typeof confirmDecision>[1]) =>
      confirmDecision({ number: order.number, status: order.status }, decision, (note) =>
        decide.mutateAsync({ id: order.id, decision, note }).then((o) => {
          notifications.show({ color: 'green', message: DECISION_COPY[decision].doneOne(o.number) });
          apiRef.current?.refreshInfiniteCache();
        }),
      );
    const numberCol: ColDef<Order> = {
      colId: 'number',
      field: 'number',
      headerName: t('grid.number'),
      width: 142,
      cellRenderer: (p: ICellRendererParams<Order>) =>
        p.data ? (
          <OrderLink to={orderPath(p.data.id)} returnLabel={returnLabel} fw={600}>
            {p.data.number}
          </OrderLink>
        ) : null,
    };
    const amountCol: ColDef<Order> = {
      colId: 'totalAmount',
      field: 'totalAmount',
      headerName: phone ? t('grid.amount') : t('grid.totalAmount'),
      type: 'rightAligned',
      width: phone ? 112 : 142,
      valueFormatter: (p) => (p.data ? formatMoney(p.data.totalAmount, p.data.currency) : ''),
    };
    const actionsCol: ColDef<Order> = {
      colId: 'actions',
      headerName: phone ? '' : t('grid.actions'),
      headerTooltip: t('grid.actions'),
      sortable: false,
      width: phone ? 52 : 92,
      cellStyle: { display: 'flex', alignItems: 'center' },
      cellRenderer: (p: ICellRendererParams<Order>) => {
        if (!p.data) return null;
        const order = p.data;
        const decisions = decisionsFor(order);
        return (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('grid.actionsFor', { number: order.number })}>
                <IconDots size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <OpenOrderMenuItem to={orderPath(order.id)} returnLabel={returnLabel} />
              {decisions.length > 0 && <Menu.Divider />}
              {decisions.map((d) => (
                <Menu.Item key={d} color={DECISION_COPY[d].danger ? 'red' : undefined} onClick={() => run(order, d)}>
                  {DECISION_COPY[d].label}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        );
      },
    };
    // A phone gets one stacked column (number, status, customer, date) beside the amount and the
    // actions: all of an order on screen, no sideways scroll hiding what matters.
    if (phone) {
      const summaryCol: ColDef<Order> = {
        colId: 'orderedAt',
        field: 'orderedAt',
        headerName: t('grid.order'),
        flex: 1,
        minWidth: 150,
        cellStyle: { lineHeight: 1.35, display: 'flex', alignItems: 'center' },
        cellRenderer: (p: ICellRendererParams<Order>) =>
          p.data ? (
            <Stack gap={2} py={6} style={{ minWidth: 0 }}>
              <OrderLink to={orderPath(p.data.id)} returnLabel={returnLabel} fw={600} size="sm">
                {p.data.number}
              </OrderLink>
              <div>
                <OrderStatusBadge status={p.data.status} size="xs" />
              </div>
              {showCustomer && (
                <Text size="xs" truncate>
                  {p.data.customerName}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {formatDate(p.data.orderedAt, dateFormat)} · {p.data.placedBy.kind === 'customer' ? t('grid.storefront') : t('grid.onBehalf')}
              </Text>
            </Stack>
          ) : null,
      };
      return withInitialSort([summaryCol, amountCol, actionsCol], sort);
    }
    const cols: ColDef<Order>[] = [
      numberCol,
      {
        colId: 'placedBy',
        headerName: t('grid.by'),
        headerTooltip: t('grid.byTooltip'),
        sortable: false,
        width: 58,
        cellStyle: { display: 'flex', alignItems: 'center' },
        cellRenderer: (p: ICellRendererParams<Order>) => {
          if (!p.data) return null;
          const byCustomer = p.data.placedBy.kind === 'customer';
          const label = t(byCustomer ? 'grid.placedByCustomer' : 'grid.placedByReseller', { name: p.data.placedBy.name });
          return (
            <Tooltip label={label}>
              {byCustomer ? <IconUser size={18} aria-label={label} role="img" /> : <IconBuildingStore size={18} aria-label={label} role="img" />}
            </Tooltip>
          );
        },
      },
      ...(showCustomer ? [{ colId: 'customerName', field: 'customerName', headerName: t('grid.customer'), tooltipField: 'customerName', flex: 1.4, minWidth: 160 } as ColDef<Order>] : []),
      ...(showReseller ? [{ colId: 'reseller', field: 'resellerName', headerName: t('grid.reseller'), tooltipField: 'resellerName', flex: 1.1, minWidth: 140, sortable: false } as ColDef<Order>] : []),
      {
        colId: 'status',
        field: 'status',
        headerName: t('grid.status'),
        sortable: false,
        // Wide enough for the longest status the view can hold, unclipped ("Pending reseller approval"
        // in a mixed view; a queue of one status gives the rest of its width to names).
        width: statusWidth(filters.status, (status) => common(`status.${status}`)),
        cellStyle: { display: 'flex', alignItems: 'center' },
        cellRenderer: (p: ICellRendererParams<Order>) => (p.data ? <OrderStatusBadge status={p.data.status} /> : null),
      },
      { colId: 'orderedAt', field: 'orderedAt', headerName: t('grid.orderDate'), width: 128, valueFormatter: (p) => (p.data ? formatDate(p.data.orderedAt, dateFormat) : '') },
      ...(!showCost ? [] : [{
        colId: 'totalCost',
        headerName: 'Total cost',
        type: 'rightAligned',
        sortable: false,
        width: 120,
        valueGetter: (p) => p.data?.totalCost,
        valueFormatter: (p) => (!p.data ? '' : p.data.totalCost !== undefined ? formatMoney(p.data.totalCost, p.data.currency) : '—'),
      } as ColDef<Order>]),
      amountCol,
      actionsCol,
    ];
    return withInitialSort(cols, sort);
    // The sort only seeds new columns; later changes go through applyColumnState below. The
    // language is a dependency: headers and words are made here, in the language on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderPath, returnLabel, showCustomer, showReseller, showCost, dateFormat, phone, t, i18n.language, filters.status, common]);

  return (
    <ServerGrid<Order>
      // Row heights are set when the grid starts: a window turned to or from a phone's width gets a new one.
      key={phone ? 'phone' : 'desk'}
      datasource={datasource}
      columnDefs={columnDefs}
      sort={sort}
      defaultSort={DEFAULT_ORDER_SORT}
      onSortChange={props.onSortChange}
      sortingOrder={['desc', 'asc']}
      onReady={(api) => {
        apiRef.current = api;
      }}
      getRowId={(row) => row.id}
      {...(phone ? { rowHeight: showCustomer ? 100 : 82 } : {})}
    />
  );
}
