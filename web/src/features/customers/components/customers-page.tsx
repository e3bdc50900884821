import { Alert, Box, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFileSpreadsheet, IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { APPROVAL_FORCED_NOTICE, type Principal } from '@app/shared';
import { toQueryString } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useCustomerStats } from '../api/get-customer-stats';
import { useResellerOptions } from '../api/get-reseller-options';
import { useGridUrlState } from '../hooks/use-grid-url-state';
import { CustomerStatsCards } from './customer-stats-cards';
import { NewCustomerDialog } from './new-customer-dialog';
import { DEFAULT_SORT } from './customer-datasource';

// AG Grid is large: load it only when a grid is on screen.
const CustomerGrid = lazy(() => import('./customer-grid'));

type GridState = { total: number } | { error: string } | null;

/** Reseller · My customers, and the distributor's read-only view across its resellers. */
export function CustomersPage({ principal }: { principal: Principal }) {
  const isDistributor = principal.role === 'distributor';
  usePageTitle(isDistributor ? 'Customers' : 'My customers');
  const basePath = isDistributor ? '/distributor/customers' : '/reseller/customers';
  const url = useGridUrlState(DEFAULT_SORT);
  const stats = useCustomerStats(isDistributor ? url.resellerId || undefined : undefined);
  const resellers = useResellerOptions(isDistributor);
  const [dialogOpen, dialog] = useDisclosure(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [grid, setGrid] = useState<GridState>(null);

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
          <Title order={1}>{isDistributor ? 'Customers' : 'My customers'}</Title>
          <Text c="dimmed">{isDistributor ? `Every customer of ${principal.distributorName}'s resellers` : principal.resellerName}</Text>
        </div>
        {!isDistributor && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={dialog.open}>
            New customer
          </Button>
        )}
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
          {isDistributor && (
            <Select
              label="Reseller"
              placeholder="All resellers"
              clearable
              w={240}
              data={(resellers.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
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
          <Button
            component="a"
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
            href={`/api/customers/export.xlsx${toQueryString({ search: url.search, sort: url.sort, resellerId: isDistributor ? url.resellerId : '' })}`}
            download="Customers.xlsx"
          >
            Export to Excel
          </Button>
        </Group>
      </Group>

      {grid && 'error' in grid && (
        <Alert color="red" role="alert" title="The customers could not be loaded">
          <Group justify="space-between">
            <Text size="sm">{grid.error}</Text>
            <Button size="xs" variant="light" onClick={() => setRefreshKey((k) => k + 1)}>
              Try again
            </Button>
          </Group>
        </Alert>
      )}
      {grid && 'total' in grid && grid.total === 0 && (
        <Alert color="gray" role="status" title={url.search ? 'No customers match your search' : 'No customers yet'}>
          {url.search ? `Nothing matches “${url.search}”. Try fewer letters or another field.` : isDistributor ? 'No reseller has customers yet.' : 'Create your first customer with “New customer”.'}
        </Alert>
      )}

      <Box h={560} style={{ display: grid && 'total' in grid && grid.total === 0 ? 'none' : undefined }}>
        <Suspense fallback={<Loader aria-label="Loading the grid" />}>
          <CustomerGrid
            key={refreshKey}
            basePath={basePath}
            search={url.search}
            sort={url.sort}
            resellerId={isDistributor ? url.resellerId : ''}
            showReseller={isDistributor}
            canManage={!isDistributor}
            onSortChange={url.setSort}
            onLoaded={setGrid}
          />
        </Suspense>
      </Box>

      <NewCustomerDialog
        opened={dialogOpen}
        onClose={dialog.close}
        onCreated={() => setRefreshKey((k) => k + 1)}
      />
    </Stack>
  );
}
