import { Alert, Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PriceLevel } from '@app/shared';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useDeletePriceLevel, usePriceLevels } from '../api/price-levels';
import { LevelEditor, markupSummary } from './level-editor';

/**
 * Reseller · Price levels: each level's markups, product prices and breaks, and how many customers
 * it prices (a link to them in the customers grid). What may be changed comes from the abilities.
 */
export function PriceLevelsPage({ customersWithLevel }: { customersWithLevel: (levelId: string) => string }) {
  usePageTitle('Price levels');
  const list = usePriceLevels();
  const remove = useDeletePriceLevel();
  const [editing, setEditing] = useState<PriceLevel | 'new' | null>(null);

  const confirmDelete = (l: PriceLevel) =>
    modals.openConfirmModal({
      title: `Delete “${l.name}”?`,
      children: <Text size="sm">No customer uses this level. Deleting it cannot be undone.</Text>,
      labels: { confirm: 'Delete level', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(l.id, {
          onSuccess: () => notifications.show({ color: 'green', message: `Price level “${l.name}” deleted.` }),
          onError: (err) => notifications.show({ color: 'red', title: 'The level was not deleted', message: err.message }),
        }),
    });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Price levels</Title>
          <Text c="dimmed">Each customer is priced per product category by one of these levels; categories without one use the default.</Text>
        </div>
        {list.data?.abilities.create && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            New price level
          </Button>
        )}
      </Group>
      {list.isPending && <Loader role="status" aria-label="Loading the price levels" />}
      {list.isError && <Alert color="red">{list.error.message}</Alert>}
      {list.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {list.data.items.map((l) => {
            const breaks = l.products.reduce((n, p) => n + p.breaks.length, 0);
            const fixed = l.products.filter((p) => p.unitPrice !== null).length;
            return (
              <Card key={l.id} withBorder radius="md" padding="lg" component="article" aria-label={l.name}>
                <Group justify="space-between" mb={4} wrap="nowrap">
                  <Group gap="xs">
                    <Title order={2} size="h4">
                      {l.name}
                    </Title>
                    {l.isDefault && <Badge variant="light">Default</Badge>}
                    {l.allowBelowCost && <Badge color="red" variant="light">Below cost allowed</Badge>}
                  </Group>
                </Group>
                <Text size="sm">Markup: {markupSummary(l)}</Text>
                <Text size="sm" c="dimmed">
                  {fixed === 0 && breaks === 0 ? 'No product prices or quantity breaks' : `${fixed} fixed ${fixed === 1 ? 'price' : 'prices'} · ${breaks} quantity ${breaks === 1 ? 'break' : 'breaks'}`}
                </Text>
                <Group justify="space-between" mt="md" wrap="wrap">
                  <Anchor component={Link} to={customersWithLevel(l.id)} size="sm">
                    {formatNumber(l.customersUsing)} {l.customersUsing === 1 ? 'customer uses' : 'customers use'} it
                  </Anchor>
                  <Group gap="xs">
                    {l.abilities.delete && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => confirmDelete(l)}>
                        Delete
                      </Button>
                    )}
                    {l.abilities.edit && (
                      <Button size="xs" variant="light" onClick={() => setEditing(l)}>
                        Edit
                      </Button>
                    )}
                  </Group>
                </Group>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
      {editing && list.data && <LevelEditor level={editing === 'new' ? null : editing} list={list.data} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
