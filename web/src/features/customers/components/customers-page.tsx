import { Alert, Box, Button, Checkbox, Group, Loader, Popover, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconColumns, IconInfoCircle, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { APPROVAL_FORCED_NOTICE, type CustomerFilterKey, type CustomerRow, type Principal, type Role } from '@app/shared';
import { ExportButton } from '@/components/export-button';
import { formatNumber } from '@/lib/format';
import { paths } from '@/lib/paths';
import { rememberedView, rememberSearch, rememberTopRow } from '@/lib/remembered-view';
import { usePageTitle } from '@/lib/use-page-title';
import { customerExportUrl } from '../api/export-customers';
import { useCustomerStats } from '../api/get-customer-stats';
import { useColumnChoice } from '../hooks/use-column-choice';
import { useGridUrlState } from '../hooks/use-grid-url-state';
import { OPTIONAL_CUSTOMER_COLUMNS } from './customer-columns';
import { CustomerStatsCards } from './customer-stats-cards';
import { NewCustomerDialog } from './new-customer-dialog';
import { DEFAULT_SORT } from './customer-datasource';
import { LoadErrorAlert } from '@/components/load-error-alert';
import type { GridApi } from 'ag-grid-community';
import { countMatching } from '../api/bulk';
import { BulkActionDialog, type BulkChoice } from './bulk-action-dialog';
import { BulkBar } from './bulk-bar';
import type { BulkSelection } from './bulk-selection';

// AG Grid is large: load it only when a grid is on screen.
const CustomerGrid = lazy(() => import('./customer-grid'));

type GridState = { total: number } | { error: string } | null;

/** What an order number looks like (`NW-000123`, or its start), as opposed to a name or a phone number. */
const ORDER_NUMBER_LIKE = /^[A-Za-z]{1,6}-\d+$/;
/** The yes/no filters above the grid: their label and how each answer reads. */
const FILTERS: { key: CustomerFilterKey; label: string; yes: string; no: string }[] = [
  { key: 'active', label: 'Status', yes: 'Active', no: 'Inactive' },
  { key: 'storefrontAccess', label: 'Storefront access', yes: 'With access', no: 'Without access' },
  { key: 'approvalRequired', label: 'Order approval', yes: 'Required', no: 'Not required' },
  { key: 'overdue', label: 'Invoices', yes: 'Overdue', no: 'None overdue' },
  { key: 'overLimit', label: 'Credit limit', yes: 'Over limit', no: 'Within limit' },
];

/** The record page's query parameter naming an order to show. */
export const RECORD_ORDER_PARAM = 'order';

/**
 * Reseller · My customers, and the distributor's read-only view across its resellers. What shows
 * follows the principal's abilities: a viewer who may list resellers sees them (column, filter).
 */
export function CustomersPage({
  principal,
  area,
  resellers = [],
  priceLevels = [],
  priceLevelCategories = [],
  importPath,
}: {
  principal: Principal;
  area: Role;
  resellers?: { value: string; label: string }[];
  /** The price levels to filter by (none: no filter shown). */
  priceLevels?: { value: string; label: string }[];
  /** The catalogue's categories, for setting a level per category in bulk. */
  priceLevelCategories?: string[];
  /** The Imports page (customers from a spreadsheet), for a viewer who may import. */
  importPath?: string;
}) {
  const { abilities } = principal;
  const acrossResellers = abilities.listResellers;
  usePageTitle(acrossResellers ? 'Customers' : 'My customers');
  const url = useGridUrlState(DEFAULT_SORT);
  const resellerId = acrossResellers ? url.resellerId : '';
  const stats = useCustomerStats(resellerId || undefined);
  // A search for an order number opens the customer with that order shown in its Orders section.
  const orderSearch = ORDER_NUMBER_LIKE.test(url.search) ? url.search : '';
  const navigate = useNavigate();
  const recordPath = useCallback(
    (id: string) => paths.customer(area, id) + (orderSearch ? `?${RECORD_ORDER_PARAM}=${encodeURIComponent(orderSearch)}#orders` : ''),
    [area, orderSearch],
  );
  const [dialogOpen, dialog] = useDisclosure(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [grid, setGrid] = useState<GridState>(null);
  const columns = useColumnChoice(principal.userId, 'customers');
  const filtered = Object.keys(url.filters).length > 0;

  // Bulk actions: rows picked in the grid, or all matching the view (counted by the server, confirmed).
  const gridApi = useRef<GridApi<CustomerRow> | null>(null);
  const [picked, setSelection] = useState<(BulkSelection & { viewKey: string }) | null>(null);
  const [choice, setChoice] = useState<BulkChoice | null>(null);
  const [selectingAll, setSelectingAll] = useState(false);
  const viewFilter = useMemo(() => ({ search: url.search || undefined, resellerId: resellerId || undefined, ...url.filters }), [url.search, resellerId, url.filters]);
  const viewKey = JSON.stringify(viewFilter);
  // A selection belongs to the view it was made in: another view is another set of customers.
  const selection = picked?.viewKey === viewKey ? picked : null;
  const clearSelection = useCallback(() => {
    gridApi.current?.deselectAll();
    setSelection(null);
  }, []);
  useEffect(() => gridApi.current?.deselectAll(), [viewKey]);
  const onSelectionChange = useCallback(
    (rows: CustomerRow[]) => setSelection(rows.length === 0 ? null : { kind: 'rows', rows: rows.map((r) => ({ id: r.id, companyName: r.companyName })), viewKey }),
    [viewKey],
  );
  const selectAllMatching = async () => {
    setSelectingAll(true);
    try {
      const { count } = await countMatching(viewFilter);
      setSelection({ kind: 'all', filter: viewFilter, count, viewKey });
    } finally {
      setSelectingAll(false);
    }
  };

  // This view (its URL and the first row on screen) is where the record's back link and the
  // navigation return to; coming back to the same view scrolls the grid back to that row.
  const { pathname, search: queryString } = useLocation();
  const [initialTopRow] = useState(() => {
    const seen = rememberedView(pathname);
    return seen && seen.search === queryString ? seen.topRow : 0;
  });
  useEffect(() => rememberSearch(pathname, queryString), [pathname, queryString]);
  const onTopRowChange = useCallback((row: number) => rememberTopRow(pathname, row), [pathname]);
  const optionalColumns = OPTIONAL_CUSTOMER_COLUMNS.filter((c) => c.id !== 'reseller' || acrossResellers);

  // The box follows the URL when it changes from outside (back/forward, a shared link).
  const [searchInput, setSearchInput] = useState(url.search);
  const [seenSearch, setSeenSearch] = useState(url.search);
  if (seenSearch !== url.search) {
    setSeenSearch(url.search);
    setSearchInput(url.search);
  }
  const pushSearch = useDebouncedCallback((q: string) => url.setSearch(q.trim()), 300);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{acrossResellers ? 'Customers' : 'My customers'}</Title>
          <Text c="dimmed">{acrossResellers ? `Every customer of ${principal.distributorName}'s resellers` : principal.resellerName}</Text>
        </div>
        <Group gap="sm">
          {abilities.importCustomers && importPath && (
            <Button component={Link} to={importPath} variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
              Import
            </Button>
          )}
          {abilities.createCustomer && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={dialog.open}>
              New customer
            </Button>
          )}
        </Group>
      </Group>

      {stats.data?.approvalRequiredForAll && (
        <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} role="note" data-testid="approval-notice">
          {APPROVAL_FORCED_NOTICE}
        </Alert>
      )}

      <CustomerStatsCards stats={stats} />

      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text aria-live="polite" size="sm" c="dimmed">
          {grid === null ? 'Loading customers…' : 'error' in grid ? '' : grid.total === 0 ? '' : `${formatNumber(grid.total)} ${grid.total === 1 ? 'customer' : 'customers'}`}
        </Text>
        <Group align="flex-end">
          {acrossResellers && (
            <Select
              label="Reseller"
              placeholder="All resellers"
              clearable
              w={240}
              data={resellers}
              value={url.resellerId || null}
              onChange={(v) => url.setResellerId(v ?? '')}
            />
          )}
          <TextInput
            label="Search customers"
            placeholder="Name, email, phone, city, postcode or order number"
            leftSection={<IconSearch size={16} aria-hidden />}
            w={{ base: '100%', sm: 380 }}
            value={searchInput}
            onChange={(e) => {
              setSearchInput(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
          />
          {abilities.exportCustomers && (
            <ExportButton
              url={customerExportUrl({ search: url.search, sort: url.sort, resellerId, ...url.filters })}
              note={columns.hidden.length > 0 ? `Includes the ${columns.hidden.length} hidden ${columns.hidden.length === 1 ? 'column' : 'columns'}` : undefined}
            />
          )}
        </Group>
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm">
        {FILTERS.map((f) => (
          <Select
            key={f.key}
            label={f.label}
            placeholder="All"
            clearable
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 170 }}
            data={[
              { value: 'yes', label: f.yes },
              { value: 'no', label: f.no },
            ]}
            value={url.filters[f.key] ?? null}
            onChange={(v) => url.setFilter(f.key, v === 'yes' || v === 'no' ? v : '')}
          />
        ))}
        {priceLevels.length > 0 && (
          <Select
            label="Price level"
            placeholder="Any level"
            clearable
            w={{ base: 'calc(50% - var(--mantine-spacing-sm) / 2)', xs: 170 }}
            data={priceLevels}
            value={url.filters.priceLevelId ?? null}
            onChange={(v) => url.setPriceLevelId(v ?? '')}
          />
        )}
        <Popover position="bottom-end" shadow="md" withinPortal>
          <Popover.Target>
            <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />} ml="auto">
              Columns
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Checkbox.Group
              label="Columns shown"
              value={optionalColumns.map((c) => c.id).filter((id) => !columns.hidden.includes(id))}
              onChange={(shown) => columns.setHidden(optionalColumns.map((c) => c.id).filter((id) => !shown.includes(id)))}
            >
              <Stack gap="xs" mt="xs">
                {optionalColumns.map((c) => (
                  <Checkbox key={c.id} value={c.id} label={c.label} />
                ))}
              </Stack>
            </Checkbox.Group>
          </Popover.Dropdown>
        </Popover>
      </Group>

      {grid && 'error' in grid && (
        <LoadErrorAlert title="The customers could not be loaded" message={grid.error} onRetry={() => setRefreshKey((k) => k + 1)} />
      )}
      {grid && 'total' in grid && grid.total === 0 && (
        <Alert color="gray" role="status" title={url.search || filtered ? 'No customers match your search' : 'No customers yet'}>
          {url.search ? `Nothing matches “${url.search}”. Try fewer letters or another field.` : filtered ? 'No customer matches these filters.' : acrossResellers ? 'No reseller has customers yet.' : 'Create your first customer with “New customer”.'}
        </Alert>
      )}

      <Box h={560} style={{ display: grid && 'total' in grid && grid.total === 0 ? 'none' : undefined }}>
        <Suspense fallback={<Loader role="status" aria-label="Loading the grid" />}>
          <CustomerGrid
            key={refreshKey}
            recordPath={recordPath}
            search={url.search}
            sort={url.sort}
            resellerId={resellerId}
            filters={url.filters}
            dateFormat={principal.preferences.dateFormat}
            hiddenColumns={columns.hidden}
            initialTopRow={initialTopRow}
            onTopRowChange={onTopRowChange}
            showReseller={acrossResellers}
            showActions={abilities.openWorkspace}
            onSortChange={url.setSort}
            onLoaded={setGrid}
            {...(abilities.bulkEditCustomers ? { onSelectionChange, onReady: (api: GridApi<CustomerRow>) => (gridApi.current = api) } : {})}
          />
        </Suspense>
      </Box>

      {selection && (
        <BulkBar
          selection={selection}
          matching={grid && 'total' in grid ? grid.total : null}
          onSelectAll={() => void selectAllMatching()}
          selectingAll={selectingAll}
          onClear={clearSelection}
          onChoose={setChoice}
          canSetLevels={priceLevels.length > 0 && priceLevelCategories.length > 0}
        />
      )}
      {selection && (
        <BulkActionDialog
          choice={choice}
          selection={selection}
          onClose={() => setChoice(null)}
          onRecount={(count) => setSelection((s) => (s?.kind === 'all' ? { ...s, count } : s))}
          onDone={() => {
            clearSelection();
            gridApi.current?.refreshInfiniteCache();
          }}
          levels={priceLevels}
          categories={priceLevelCategories}
          currency={stats.data?.currency ?? ''}
        />
      )}

      <NewCustomerDialog
        opened={dialogOpen}
        onClose={dialog.close}
        onCreated={(customer) => navigate(recordPath(customer.id))}
      />
    </Stack>
  );
}
