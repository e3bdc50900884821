import { Alert, Box, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from '@/lib/i18n';
import { ORDER_STATUSES, type OrderStatus } from '@app/shared';
import { ExportButton } from '@/components/export-button';
import { formatNumber } from '@/lib/format';
import { orderExportUrl } from '../api/export-orders';
import { DEFAULT_ORDER_SORT, type OrderFilters } from '../api/get-orders';
import { useOrdersUrlState } from '../hooks/use-orders-url-state';
import type { OrdersGridProps } from './orders-grid';
import { LoadErrorAlert } from '@/components/load-error-alert';

// AG Grid is large: load it only when a grid is on screen.
const OrdersGrid = lazy(() => import('./orders-grid'));

type GridState = { total: number } | { error: string } | null;

export interface OrdersViewProps extends Pick<OrdersGridProps, 'orderPath' | 'returnLabel' | 'dateFormat' | 'showCustomer' | 'showReseller' | 'showCost'> {
  /** Filters the view always has (a customer, a status queue); the search box and status filter add to them. */
  fixed?: OrderFilters;
  /** Offer the status filter (not in a queue that is one status). */
  statusFilter?: boolean;
  /** More filters beside the search box (the distributor's reseller and age filters). */
  extraFilters?: ReactNode;
  height?: number;
  emptyText: string;
  /** Start with this in the search box (an order number the person was looking for). */
  initialSearch?: string;
  /** Offer Orders.xlsx of the current view (the principal's `exportOrders` ability). */
  canExport?: boolean;
  /** Keep the status, search and sort in the URL (a page of its own: reload, back and a link show the same view). */
  inUrl?: boolean;
}

/** An orders grid with its search by number, status filter, count, empty and error states. */
export function OrdersView({ fixed = {}, statusFilter = true, extraFilters, height = 480, emptyText, initialSearch = '', canExport = false, inUrl = false, ...grid }: OrdersViewProps) {
  const { t } = useTranslation(['orders', 'common']);
  const { set: setUrl, search: urlSearch, status: urlStatus, sort: urlSort } = useOrdersUrlState();
  const [search, setSearch] = useState(inUrl ? urlSearch : initialSearch);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const pushSearch = useDebouncedCallback((q: string) => setUrl({ search: q.trim() }), 300);
  // In the URL, the search box follows a change from outside (back/forward).
  const [seenSearch, setSeenSearch] = useState(urlSearch);
  if (inUrl && seenSearch !== urlSearch) {
    setSeenSearch(urlSearch);
    setSearch(urlSearch);
  }
  const [ownStatus, setOwnStatus] = useState<OrderStatus | ''>('');
  const [ownSort, setOwnSort] = useState(DEFAULT_ORDER_SORT);
  const status = inUrl ? urlStatus : ownStatus;
  const setStatus = (s: OrderStatus | '') => (inUrl ? setUrl({ status: s }) : setOwnStatus(s));
  const sort = inUrl ? urlSort : ownSort;
  const setSort = useCallback((s: string) => (inUrl ? setUrl({ sort: s }) : setOwnSort(s)), [inUrl, setUrl]);
  const debounced = inUrl ? urlSearch : debouncedSearch;
  const [state, setState] = useState<GridState>(null);
  const [retry, setRetry] = useState(0);
  const onLoaded = useCallback((r: { total: number } | { error: string }) => setState(r), []);
  const filters: OrderFilters = { ...fixed, search: debounced || undefined, ...(status ? { status } : {}) };
  const empty = state !== null && 'total' in state && state.total === 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text aria-live="polite" size="sm" c="dimmed">
          {state === null ? t('list.loading') : 'error' in state || state.total === 0 ? '' : t('list.count', { count: state.total, shown: formatNumber(state.total) })}
        </Text>
        <Group align="flex-end" wrap="wrap">
          {extraFilters}
          {statusFilter && (
            <Select
              label={t('list.status')}
              placeholder={t('list.anyStatus')}
              clearable
              w={210}
              data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
              value={status || null}
              onChange={(v) => setStatus((v as OrderStatus | null) ?? '')}
            />
          )}
          <TextInput
            label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            w={{ base: '100%', xs: 220 }}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              if (inUrl) pushSearch(e.currentTarget.value);
            }}
          />
          {canExport && <ExportButton url={orderExportUrl(filters, sort)} />}
        </Group>
      </Group>
      {state && 'error' in state && (
        <LoadErrorAlert title={t('list.loadError')} message={state.error} onRetry={() => setRetry((k) => k + 1)} />
      )}
      {empty && (
        <Alert color="gray" role="status">
          {debounced || status ? t('list.noMatch') : emptyText}
        </Alert>
      )}
      <Box h={height} style={{ display: empty ? 'none' : undefined }}>
        <Suspense fallback={<Loader role="status" aria-label={t('list.loadingGrid')} />}>
          <OrdersGrid key={retry} {...grid} filters={filters} sort={sort} onSortChange={setSort} onLoaded={onLoaded} />
        </Suspense>
      </Box>
    </Stack>
  );
}
