import { Alert, Box, Button, Collapse, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { ORDER_STATUS_LABEL, ORDER_STATUSES, type OrderPlacedBy, type OrderStatus } from '@app/shared';
import { DayRangeInputs } from '@/components/day-range-inputs';
import { ExportButton } from '@/components/export-button';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { orderExportUrl } from '../api/export-orders';
import { useOrdersUrlState } from '../hooks/use-orders-url-state';
import type { OrdersGridProps } from './orders-grid';

// AG Grid is large: load it only when a grid is on screen.
const OrdersGrid = lazy(() => import('./orders-grid'));

type GridState = { total: number } | { error: string } | null;

const STATUS_OPTIONS = ORDER_STATUSES.map((s) => ({ value: s, label: ORDER_STATUS_LABEL[s] }));
const PLACED_BY_OPTIONS: { value: OrderPlacedBy; label: string }[] = [
  { value: 'customer', label: 'Customer (storefront)' },
  { value: 'reseller', label: 'You (on its behalf)' },
];

export interface OrdersPageProps extends Pick<OrdersGridProps, 'orderPath' | 'dateFormat'> {
  /** Whose orders these are, in words (the reseller's name). */
  owner: string;
  /** The customer filter, composed in by the app (customers are another feature's). */
  customerFilter: (props: { value: string | null; onChange: (id: string | null) => void }) => ReactNode;
  /** Offer Orders.xlsx of the current view (the principal's `exportOrders` ability). */
  canExport: boolean;
}

/** Reseller · Orders: every order of its customers, filtered, searched and sorted on the server, the view in the URL. */
export function OrdersPage({ owner, customerFilter, canExport, ...grid }: OrdersPageProps) {
  usePageTitle('Orders');
  const url = useOrdersUrlState();
  const [state, setState] = useState<GridState>(null);
  const [retry, setRetry] = useState(0);
  const onLoaded = useCallback((r: { total: number } | { error: string }) => setState(r), []);

  // The search box follows the URL when it changes from outside (back/forward, Clear filters).
  const [searchInput, setSearchInput] = useState(url.search);
  const [seenSearch, setSeenSearch] = useState(url.search);
  if (seenSearch !== url.search) {
    setSeenSearch(url.search);
    setSearchInput(url.search);
  }
  const pushSearch = useDebouncedCallback((q: string) => url.set({ search: q.trim() }), 300);
  const empty = state !== null && 'total' in state && state.total === 0;
  // On a phone the filters fold away behind one button, so the orders start on the first screen.
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const activeFilters = [url.status, url.customer, url.placedBy, url.from || url.to].filter(Boolean).length;

  const filterFields = (
    <>
      {customerFilter({ value: url.customer || null, onChange: (id) => url.set({ customer: id ?? '' }) })}
      <Select label="Status" placeholder="Any status" clearable w={{ base: '100%', xs: 220 }} data={STATUS_OPTIONS} value={url.status || null} onChange={(v) => url.set({ status: (v as OrderStatus | null) ?? '' })} />
      <Select label="Placed by" placeholder="Anyone" clearable w={{ base: '100%', xs: 180 }} data={PLACED_BY_OPTIONS} value={url.placedBy || null} onChange={(v) => url.set({ placedBy: v ?? '' })} />
      <DayRangeInputs from={url.from} to={url.to} dateFormat={grid.dateFormat} width={140} onChange={url.set} />
    </>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Orders</Title>
          <Text c="dimmed">Every order of the customers of {owner}, placed in the storefront or on their behalf.</Text>
        </div>
        {canExport && state !== null && 'total' in state && state.total > 0 && <ExportButton url={orderExportUrl(url.filters, url.sort)} />}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label="Filter the orders">
        <TextInput
          label="Order number"
          placeholder="e.g. NW-000124"
          leftSection={<IconSearch size={16} aria-hidden />}
          w={{ base: phone ? 'calc(100% - 120px)' : '100%', xs: 150 }}
          value={searchInput}
          onChange={(e) => {
            setSearchInput(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
        />
        {phone ? (
          <Button variant="default" w={108} leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />} aria-expanded={filtersOpen} onClick={filtersToggle.toggle}>
            Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}
          </Button>
        ) : (
          filterFields
        )}
        {url.filtered && !phone && (
          <Button variant="subtle" onClick={url.clear}>
            Clear filters
          </Button>
        )}
      </Group>
      {phone && (
        <Collapse expanded={filtersOpen}>
          <Group align="flex-end" wrap="wrap" gap="sm">
            {filterFields}
            {url.filtered && (
              <Button variant="subtle" onClick={url.clear}>
                Clear filters
              </Button>
            )}
          </Group>
        </Collapse>
      )}

      <Text aria-live="polite" size="sm" c="dimmed">
        {state === null ? 'Loading orders…' : 'error' in state || state.total === 0 ? '' : `${formatNumber(state.total)} ${state.total === 1 ? 'order' : 'orders'}`}
      </Text>
      {state && 'error' in state && <LoadErrorAlert title="The orders could not be loaded" message={state.error} onRetry={() => setRetry((k) => k + 1)} />}
      {empty && (
        <Alert color="gray" role="status" title={url.filtered ? 'No order matches these filters' : 'No orders yet'}>
          {url.filtered ? 'Try a longer period, another status or fewer filters.' : 'Orders your customers place, and those you place for them, appear here.'}
        </Alert>
      )}
      <Box h={560} style={{ display: empty ? 'none' : undefined }}>
        <Suspense fallback={<Loader role="status" aria-label="Loading the grid" />}>
          <OrdersGrid key={retry} {...grid} returnLabel="Orders" showCustomer filters={url.filters} sort={url.sort} onSortChange={(sort) => url.set({ sort })} onLoaded={onLoaded} />
        </Suspense>
      </Box>
    </Stack>
  );
}
