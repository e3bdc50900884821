import { Alert, Box, Button, Checkbox, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { PAYMENT_METHOD_LABEL, type Principal } from '@app/shared';
import { ExportButton } from '@/components/export-button';
import { formatNumber } from '@/lib/format';
import { RESELLER_VIEW_PARAMS } from '@/lib/paths';
import { usePageTitle } from '@/lib/use-page-title';
import { useUrlParams } from '@/lib/use-url-params';
import { resellerExportUrl } from '../api/get-resellers';
import { NewResellerDialog } from './new-reseller-dialog';

// AG Grid is large: load it only when a grid is on screen.
const ResellerGrid = lazy(() => import('./reseller-grid'));

type GridState = { total: number } | { error: string } | null;

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
];
const PAYMENT_OPTIONS = Object.entries(PAYMENT_METHOD_LABEL).map(([value, label]) => ({ value, label }));

/** Distributor · Resellers: every reseller with its figures, searchable, filterable and sortable on the server. */
export function ResellersPage({ principal, detailPath }: { principal: Principal; detailPath: (id: string) => string }) {
  usePageTitle('Resellers');
  const { values: view, set } = useUrlParams(RESELLER_VIEW_PARAMS, { sort: 'name' });
  const [grid, setGrid] = useState<GridState>(null);
  const [retry, setRetry] = useState(0);
  const [dialogOpen, dialog] = useDisclosure(false);
  const navigate = useNavigate();
  const onLoaded = useCallback((r: { total: number } | { error: string }) => setGrid(r), []);

  // The box follows the URL when it changes from outside (back/forward, a shared link).
  const [searchInput, setSearchInput] = useState(view.search);
  const [seenSearch, setSeenSearch] = useState(view.search);
  if (seenSearch !== view.search) {
    setSeenSearch(view.search);
    setSearchInput(view.search);
  }
  const pushSearch = useDebouncedCallback((q: string) => set({ search: q.trim() }), 300);
  const filtered = Boolean(view.search || view.status || view.paymentMethod || view.waiting);
  const empty = grid !== null && 'total' in grid && grid.total === 0;
  const filters = { search: view.search || undefined, status: view.status || undefined, paymentMethod: view.paymentMethod || undefined, waiting: view.waiting || undefined };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Resellers</Title>
          <Text c="dimmed">Every reseller of {principal.distributorName}, with its customers and orders</Text>
        </div>
        <Group gap="sm">
          {grid !== null && 'total' in grid && grid.total > 0 && <ExportButton url={resellerExportUrl(filters, view.sort)} />}
          {principal.abilities.createReseller && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={dialog.open}>
              New reseller
            </Button>
          )}
        </Group>
      </Group>

      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text aria-live="polite" size="sm" c="dimmed">
          {grid === null ? 'Loading resellers…' : 'error' in grid || grid.total === 0 ? '' : `${formatNumber(grid.total)} ${grid.total === 1 ? 'reseller' : 'resellers'}`}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Checkbox label="With orders waiting" checked={view.waiting === '1'} onChange={(e) => set({ waiting: e.currentTarget.checked ? '1' : '' })} mb={8} />
          <Select label="Status" placeholder="Any status" clearable w={{ base: '100%', xs: 150 }} data={STATUS_OPTIONS} value={view.status || null} onChange={(v) => set({ status: v ?? '' })} />
          <Select label="Payment method" placeholder="Any method" clearable w={{ base: '100%', xs: 170 }} data={PAYMENT_OPTIONS} value={view.paymentMethod || null} onChange={(v) => set({ paymentMethod: v ?? '' })} />
          <TextInput
            label="Search resellers"
            placeholder="Name, contact, email, phone or city"
            leftSection={<IconSearch size={16} aria-hidden />}
            w={{ base: '100%', sm: 300 }}
            value={searchInput}
            onChange={(e) => {
              setSearchInput(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
          />
        </Group>
      </Group>

      {grid && 'error' in grid && (
        <Alert color="red" role="alert" title="The resellers could not be loaded">
          <Group justify="space-between">
            <Text size="sm">{grid.error}</Text>
            <Button size="xs" variant="light" onClick={() => setRetry((k) => k + 1)}>
              Try again
            </Button>
          </Group>
        </Alert>
      )}
      {empty && (
        <Alert color="gray" role="status" title={filtered ? 'No resellers match this view' : 'No resellers yet'}>
          {filtered ? 'Clear a filter or try another search.' : 'Onboard your first reseller with “New reseller”.'}
        </Alert>
      )}

      <Box h={560} style={{ display: empty ? 'none' : undefined }}>
        <Suspense fallback={<Loader role="status" aria-label="Loading the grid" />}>
          <ResellerGrid
            key={retry}
            filters={filters}
            sort={view.sort}
            detailPath={detailPath}
            onSortChange={(sort) => set({ sort })}
            onLoaded={onLoaded}
          />
        </Suspense>
      </Box>

      <NewResellerDialog opened={dialogOpen} onClose={dialog.close} onCreated={(id) => navigate(detailPath(id))} />
    </Stack>
  );
}
