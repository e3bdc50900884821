import { Alert, Button, Card, Group, Loader, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import { useSearchParams } from 'react-router';
import type { TFunction } from '@/lib/i18n';
import type { CatalogueItem } from '@app/shared';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useCatalogue } from '../api/get-catalogue';
import { AddToCart } from './add-to-cart';
import { BillingBadge, Price, PriceBreaks, ProvisioningBadge } from './product-bits';
import { useWideLayout } from './use-wide-layout';

/** Search text and category live in the URL: reload, back/forward and a shared link show the same list. */
function useCatalogueUrlState() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  // One navigation per change: react-router's functional update sees the current URL, not a
  // pending one, so two calls in a row would lose the first.
  const update = useCallback(
    (changes: { q?: string; category?: string }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return {
    search,
    category,
    setSearch: (q: string) => update({ q }),
    setCategory: (c: string) => update({ category: c }),
    clear: () => update({ q: '', category: '' }),
  };
}

export function CataloguePage({
  customerName,
  resellerName,
  canOrder,
  actions,
}: {
  customerName: string | null;
  resellerName: string | null;
  /** From the principal's abilities: may place orders. */
  canOrder: boolean;
  /** What the app layer adds beside the title (the price list download). */
  actions?: React.ReactNode;
}) {
  const { t } = useTranslation(['catalogue', 'common']);
  usePageTitle(t('title'));
  const url = useCatalogueUrlState();
  const catalogue = useCatalogue({ search: url.search, category: url.category });
  const wide = useWideLayout();

  // The box follows the URL when it changes from outside (back/forward, a shared link).
  const [searchInput, setSearchInput] = useState(url.search);
  const [seenSearch, setSeenSearch] = useState(url.search);
  if (seenSearch !== url.search) {
    setSeenSearch(url.search);
    setSearchInput(url.search);
  }
  const pushSearch = useDebouncedCallback((q: string) => url.setSearch(q.trim()), 300);

  const data = catalogue.data;
  const filtered = Boolean(url.search || url.category);
  const clearFilters = () => {
    setSearchInput('');
    pushSearch.cancel();
    url.clear();
  };
  const updating = catalogue.isFetching && catalogue.isPlaceholderData;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed">{customerName && resellerName ? t('pricesFor', { customer: customerName, reseller: resellerName }) : t('yourPrices')}</Text>
        </div>
        {actions}
      </Group>

      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap" style={{ flex: '1 1 auto' }}>
          <TextInput
            label={t('searchLabel')}
            placeholder={t('searchPlaceholder')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            w={{ base: '100%', xs: 320 }}
            value={searchInput}
            onChange={(e) => {
              setSearchInput(e.currentTarget.value);
              pushSearch(e.currentTarget.value);
            }}
          />
          <Select
            label={t('category')}
            placeholder={t('allCategories')}
            clearable
            w={{ base: '100%', xs: 240 }}
            data={data?.categories ?? []}
            value={url.category || null}
            onChange={(v) => url.setCategory(v ?? '')}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <Group gap="xs" mih={24}>
          {updating && <Loader size="xs" aria-hidden />}
          <Text aria-live="polite" size="sm" c="dimmed">
            {catalogue.isPending ? t('loadingProducts') : data ? t('productCount', { count: data.items.length, shown: formatNumber(data.items.length) }) : ''}
          </Text>
        </Group>
      </Group>

      {catalogue.isError && !data ? (
        <Alert color="red" role="alert" title={t('loadError')}>
          <Group justify="space-between">
            <Text size="sm">{catalogue.error.message}</Text>
            <Button size="xs" variant="light" onClick={() => catalogue.refetch()}>
              {t('common:actions.tryAgain')}
            </Button>
          </Group>
        </Alert>
      ) : catalogue.isPending ? (
        <Stack gap="xs" aria-hidden>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} height={wide ? 52 : 150} radius="md" />
          ))}
        </Stack>
      ) : data && data.items.length === 0 ? (
        <Alert color="gray" role="status" title={filtered ? t('noMatchTitle') : t('emptyTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {filtered ? `${noMatchText(t, url.search, url.category)} ${t('tryOther')}` : t('emptyText')}
            </Text>
            {filtered && (
              <Button size="xs" variant="light" onClick={clearFilters}>
                {t('showAll')}
              </Button>
            )}
          </Stack>
        </Alert>
      ) : data ? (
        <div style={{ opacity: updating ? 0.6 : 1, transition: 'opacity 120ms' }}>
          {wide ? <ProductTable items={data.items} currency={data.currency} canOrder={canOrder} /> : <ProductCards items={data.items} currency={data.currency} canOrder={canOrder} />}
        </div>
      ) : null}
    </Stack>
  );
}

function noMatchText(t: TFunction<['catalogue', 'common']>, search: string, category: string): string {
  if (search && category) return t('noMatchSearchIn', { search, category });
  return search ? t('noMatchSearch', { search }) : t('noMatchIn', { category });
}

function ProductTable({ items, currency, canOrder }: { items: CatalogueItem[]; currency: string; canOrder: boolean }) {
  const { t } = useTranslation(['catalogue', 'common']);
  return (
    <Card withBorder padding={0} radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.product')}</Table.Th>
            <Table.Th>{t('columns.category')}</Table.Th>
            <Table.Th>{t('columns.billing')}</Table.Th>
            <Table.Th>{t('columns.provisioning')}</Table.Th>
            <Table.Th ta="right">{t('columns.yourPrice')}</Table.Th>
            <Table.Th ta="right">{t('columns.quantity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {item.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {t('sku', { sku: item.sku })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.category}</Text>
              </Table.Td>
              <Table.Td>
                <BillingBadge billing={item.billing} />
              </Table.Td>
              <Table.Td>
                <ProvisioningBadge provisioning={item.provisioning} />
              </Table.Td>
              <Table.Td>
                <Price amount={item.unitPrice} currency={currency} billing={item.billing} />
                <PriceBreaks item={item} currency={currency} />
              </Table.Td>
              <Table.Td>
                {canOrder && <AddToCart item={item} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ProductCards({ items, currency, canOrder }: { items: CatalogueItem[]; currency: string; canOrder: boolean }) {
  const { t } = useTranslation(['catalogue', 'common']);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('products')}>
      {items.map((item) => (
        <Card key={item.id} withBorder radius="md" padding="md" component="li" aria-label={item.name}>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{item.name}</Text>
                <Text size="xs" c="dimmed">
                  <Text span ff="monospace" size="xs">
                    {t('sku', { sku: item.sku })}
                  </Text>{' '}
                  · {item.category}
                </Text>
              </div>
              <Stack gap={2} align="flex-end">
                <Price amount={item.unitPrice} currency={currency} billing={item.billing} size="md" fw={700} stacked />
                <PriceBreaks item={item} currency={currency} />
              </Stack>
            </Group>
            <Group gap="xs">
              <BillingBadge billing={item.billing} />
              <ProvisioningBadge provisioning={item.provisioning} />
            </Group>
            {canOrder && <AddToCart item={item} fullWidth />}
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
