import { Alert, Button, Group, Loader, Paper, Select, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ExportButton } from '@/components/export-button';
import { ApiRequestError } from '@/lib/api-client';
import { priceListUrl } from '../api/keys';
import { useCustomerPriceLevels, useSetCustomerPriceLevels } from '../api/price-levels';

/**
 * The customer record's price levels: the level of each product category (the reseller's staff
 * change them; the distributor reads them), and the customer's price list to download.
 */
export function CustomerPriceLevelsSection({ customerId }: { customerId: string }) {
  const view = useCustomerPriceLevels(customerId);
  const save = useSetCustomerPriceLevels(customerId);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const data = view.data;
  const chosen = (category: string, current: string) => edits[category] ?? current;
  const changed = data ? data.categories.some((c) => chosen(c.category, c.levelId) !== c.levelId) : false;
  const stale = save.error instanceof ApiRequestError && save.error.code === 'stale';

  const submit = () => {
    if (!data) return;
    const assignments = data.categories.map((c) => ({ category: c.category, levelId: chosen(c.category, c.levelId) }));
    save.mutate(
      { assignments, revision: data.revision },
      {
        onSuccess: () => {
          setEdits({});
          notifications.show({ color: 'green', message: 'Price levels saved.' });
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md" id="price-levels" component="section" aria-labelledby="price-levels-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="price-levels-title">
          Price levels
        </Title>
        {data?.abilities.downloadPriceList && <ExportButton url={priceListUrl(customerId)} label="Download price list" />}
      </Group>
      {view.isPending && <Loader size="sm" role="status" aria-label="Loading the price levels" />}
      {view.isError && <Alert color="red">{view.error.message}</Alert>}
      {stale && (
        <Alert color="yellow" role="alert" title="Someone else changed this customer" mb="sm">
          <Group justify="space-between">
            <Text size="sm">Reload to see the levels as they are now.</Text>
            <Button size="xs" variant="default" onClick={() => {
                setEdits({});
                save.reset();
                void view.refetch();
              }}>
              Reload
            </Button>
          </Group>
        </Alert>
      )}
      {save.error && !stale && <Alert color="red" role="alert" mb="sm">{save.error.message}</Alert>}
      {data && (
        <>
          <Table verticalSpacing={6} aria-label="Price level per category">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Category</Table.Th>
                <Table.Th>Price level</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.categories.map((c) => (
                <Table.Tr key={c.category}>
                  <Table.Td>{c.category}</Table.Td>
                  <Table.Td>
                    {data.abilities.assign ? (
                      <Select
                        aria-label={`Price level for ${c.category}`}
                        size="xs"
                        w={{ base: 160, xs: 220 }}
                        allowDeselect={false}
                        data={data.levels.map((l) => ({ value: l.id, label: l.isDefault ? `${l.name} (default)` : l.name }))}
                        value={chosen(c.category, c.levelId)}
                        onChange={(v) => v && setEdits((e) => ({ ...e, [c.category]: v }))}
                      />
                    ) : (
                      <Text size="sm">{c.isDefault ? `${c.levelName} (default)` : c.levelName}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.abilities.assign && (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" disabled={!changed || save.isPending} onClick={() => setEdits({})}>
                Cancel
              </Button>
              <Button disabled={!changed} loading={save.isPending} onClick={submit}>
                Save price levels
              </Button>
            </Group>
          )}
        </>
      )}
    </Paper>
  );
}
