import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportOutcome } from '@app/shared';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { usePageTitle } from '@/lib/use-page-title';
import { useApplyImport, useImport, useImportRows } from '../api/imports';
import { ImportCounts } from './imports-page';
import { OUTCOME, OUTCOMES } from './outcome';

/** One import: its counts, the per-row report (filtered by outcome), and the confirmation while it waits. */
export function ImportReportPage({ id, importsPath }: { id: string; importsPath: string }) {
  const imp = useImport(id);
  usePageTitle(imp.data ? `Import ${imp.data.fileName}` : 'Import');
  const [outcome, setOutcome] = useState<ImportOutcome | ''>('');
  const rows = useImportRows(id, outcome);
  const apply = useApplyImport(id);
  if (imp.error) return <LoadErrorAlert title="The import could not be loaded" message={imp.error.message} onRetry={() => void imp.refetch()} />;
  if (!imp.data) return null;
  const data = imp.data;
  const counts = data.applied ?? data.checked;
  const willChange = data.checked.create + data.checked.update;

  const confirm = () =>
    modals.openConfirmModal({
      title: 'Apply this import?',
      children: (
        <Text size="sm">
          {data.checked.create.toLocaleString('en')} customers will be created and {data.checked.update.toLocaleString('en')} updated; refused rows are left out.
          {data.sendActivation ? ' New storefront users get their activation email.' : ' New storefront users get no email (send activation later from the customers grid).'}
        </Text>
      ),
      labels: { confirm: 'Apply', cancel: 'Cancel' },
      onConfirm: () => apply.mutate(),
    });

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={importsPath} size="sm">
          ← Imports
        </Anchor>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {data.fileName}
        </Title>
        <Text c="dimmed">
          {data.rows.toLocaleString('en')} rows · uploaded by {data.createdByName} · {data.state === 'applied' ? `applied ${new Date(data.appliedAt!).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}` : data.state === 'applying' ? (data.abilities.apply ? 'stopped while being applied: apply it again to finish' : 'being applied') : 'checked, not applied yet'}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md" data-testid="import-summary">
        <Stack gap="sm">
          <ImportCounts imp={data} />
          {data.state === 'checked' && (
            <Group justify="space-between" wrap="wrap">
              <Text size="sm">{willChange > 0 ? 'This is a dry run: nothing has changed yet.' : 'Nothing in this file would change anything.'}</Text>
              {data.abilities.apply && (
                <Button onClick={confirm} loading={apply.isPending} disabled={willChange === 0}>
                  Confirm and apply
                </Button>
              )}
            </Group>
          )}
          {apply.error && (
            <Alert color="red" role="alert">
              {apply.error.message}
            </Alert>
          )}
        </Stack>
      </Paper>

      <SegmentedControl
        aria-label="Show rows"
        value={outcome || 'all'}
        onChange={(v) => setOutcome(v === 'all' ? '' : (v as ImportOutcome))}
        data={[{ value: 'all', label: 'All' }, ...OUTCOMES.filter((o) => counts[o] > 0).map((o) => ({ value: o, label: `${data.applied ? OUTCOME[o].done : OUTCOME[o].label} (${counts[o].toLocaleString('en')})` }))]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <Table.ScrollContainer minWidth={340}>
        <Table verticalSpacing="xs" striped data-testid="import-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>Row</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th w={110}>Outcome</Table.Th>
              <Table.Th visibleFrom="sm">Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data?.pages.flatMap((p) => p.items).map((r) => (
              <Table.Tr key={r.rowNumber}>
                <Table.Td>{r.rowNumber}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {r.companyName || '—'}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {r.email}
                  </Text>
                  {/* On a phone the reasons sit under the customer: there is no room for their own column. */}
                  {r.reasons.length > 0 && (
                    <Text size="xs" hiddenFrom="sm" c={r.outcome === 'refused' ? 'red.8' : undefined}>
                      {r.reasons.join('; ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={OUTCOME[r.outcome].color} variant="light" tt="none">
                    {data.applied ? OUTCOME[r.outcome].done : OUTCOME[r.outcome].label}
                  </Badge>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" c={r.outcome === 'refused' ? 'red.8' : undefined}>
                    {r.reasons.join('; ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.hasNextPage && (
        <Button variant="default" onClick={() => void rows.fetchNextPage()} loading={rows.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
          More rows
        </Button>
      )}
    </Stack>
  );
}
