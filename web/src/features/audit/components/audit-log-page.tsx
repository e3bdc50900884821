import { Alert, Box, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, type AuditEventRow, type Principal } from '@app/shared';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useAuditUrlState } from '../hooks/use-audit-url-state';
import { AuditEventDetails } from './audit-event-details';
import { DEFAULT_AUDIT_SORT } from './audit-grid';
import { DayRangeInputs } from '@/components/day-range-inputs';
import { ExportButton } from '@/components/export-button';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { auditExportUrl } from '../api/get-audit-events';

// AG Grid is large: load it only when a grid is on screen.
const AuditGrid = lazy(() => import('./audit-grid'));

type GridState = { total: number } | { error: string } | null;

export interface AuditLogPageProps {
  principal: Principal;
  /** The customer filter, composed in by the app (customers are another feature's). */
  customerFilter: (props: { value: string | null; onChange: (id: string | null) => void }) => ReactNode;
  /** The resellers the viewer oversees (a distributor's staff): a Reseller filter and column. */
  resellers?: { value: string; label: string }[] | undefined;
}

const ACTION_OPTIONS = AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }));

/** The audit log of the caller's subtree: every change, who made it, when and from where. */
export function AuditLogPage({ principal, customerFilter, resellers }: AuditLogPageProps) {
  usePageTitle('Audit log');
  const url = useAuditUrlState(DEFAULT_AUDIT_SORT);
  const [grid, setGrid] = useState<GridState>(null);
  const [retry, setRetry] = useState(0);
  const [open, setOpen] = useState<AuditEventRow | null>(null);
  const onLoaded = useCallback((r: { total: number } | { error: string }) => setGrid(r), []);
  const onOpen = useCallback((e: AuditEventRow) => setOpen(e), []);

  // The actor box follows the URL when it changes from outside (back/forward, Clear).
  const [actorInput, setActorInput] = useState(url.actor);
  const [seenActor, setSeenActor] = useState(url.actor);
  if (seenActor !== url.actor) {
    setSeenActor(url.actor);
    setActorInput(url.actor);
  }
  const pushActor = useDebouncedCallback((q: string) => url.set({ actor: q.trim() }), 300);
  const empty = grid !== null && 'total' in grid && grid.total === 0;
  const scope = principal.role === 'distributor' ? `Every change in the resellers of ${principal.distributorName} and their customers` : `Every change to the customers of ${principal.resellerName}`;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Audit log</Title>
          <Text c="dimmed">{scope}: who made it, what changed, when and from where.</Text>
        </div>
        {grid !== null && 'total' in grid && grid.total > 0 && <ExportButton url={auditExportUrl(url.filters, url.sort)} />}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label="Filter the audit log">
        {resellers && (
          <Select label="Reseller" placeholder="Any reseller" clearable searchable w={{ base: '100%', xs: 190 }} data={resellers} value={url.reseller || null} onChange={(v) => url.set({ reseller: v ?? '' })} />
        )}
        {customerFilter({ value: url.customer || null, onChange: (id) => url.set({ customer: id ?? '' }) })}
        <TextInput
          label="Who"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} aria-hidden />}
          w={{ base: '100%', xs: 170 }}
          value={actorInput}
          onChange={(e) => {
            setActorInput(e.currentTarget.value);
            pushActor(e.currentTarget.value);
          }}
        />
        <Select label="Action" placeholder="Any action" clearable searchable w={{ base: '100%', xs: 200 }} data={ACTION_OPTIONS} value={url.action || null} onChange={(v) => url.set({ action: (v as AuditAction | null) ?? '' })} />
        <DayRangeInputs from={url.from} to={url.to} dateFormat={principal.preferences.dateFormat} width={132} onChange={url.set} />
        {url.filtered && (
          <Button variant="subtle" onClick={url.clear}>
            Clear filters
          </Button>
        )}
      </Group>

      <Text aria-live="polite" size="sm" c="dimmed">
        {grid === null ? 'Loading events…' : 'error' in grid || grid.total === 0 ? '' : `${formatNumber(grid.total)} ${grid.total === 1 ? 'event' : 'events'}`}
      </Text>
      {grid && 'error' in grid && (
        <LoadErrorAlert title="The audit log could not be loaded" message={grid.error} onRetry={() => setRetry((k) => k + 1)} />
      )}
      {empty && (
        <Alert color="gray" role="status" title={url.filtered ? 'No events match these filters' : 'Nothing recorded yet'}>
          {url.filtered ? 'Try a longer period, another action or fewer filters.' : 'Changes to customers, storefront users and orders appear here as they are made.'}
        </Alert>
      )}
      {/* As tall as its rows up to a page's worth: a short log leaves no empty box below it. */}
      <Box h={grid && 'total' in grid ? Math.min(600, Math.max(180, 46 + 56 * grid.total + 2)) : 600} style={{ display: empty ? 'none' : undefined }}>
        <Suspense fallback={<Loader role="status" aria-label="Loading the grid" />}>
          <AuditGrid
            key={retry}
            filters={url.filters}
            sort={url.sort}
            onSortChange={(sort) => url.set({ sort })}
            dateFormat={principal.preferences.dateFormat}
            showReseller={Boolean(resellers)}
            onOpen={onOpen}
            onLoaded={onLoaded}
          />
        </Suspense>
      </Box>
      <AuditEventDetails event={open} dateFormat={principal.preferences.dateFormat} onClose={() => setOpen(null)} />
    </Stack>
  );
}
