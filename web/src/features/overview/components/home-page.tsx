import { Alert, Button, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';
import type { Principal } from '@app/shared';
import { StatCard } from '@/components/stat-card';
import { formatMoney, formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useOverview } from '../api/get-overview';

interface HomePageProps {
  principal: Principal;
  title: string;
  /** Where the persona sits in the tree, in words. */
  place: string;
  /** Where each figure leads: the list it counts. */
  links?: Partial<Record<'resellers' | 'customers' | 'monthlyRunRate' | 'ordersPendingApproval' | 'ordersInProgress' | 'ordersTotal', { to: string; label: string }>>;
}

/** The persona's home: a welcome and the counts of its subtree; the app layer words its place. */
export function HomePage({ principal, title, place, links = {} }: HomePageProps) {
  const { t } = useTranslation();
  usePageTitle(title);
  const overview = useOverview();
  // The storefront's words for what it waits for: the buyer never reads the distributor's internal steps.
  const storefront = principal.role === 'storefront';
  const o = overview.data;
  const cards: { label: string; value: number | null | undefined; shown?: string; hint?: string | undefined; link?: { to: string; label: string } | undefined }[] = [
    { label: t('home.cards.resellers'), value: o?.resellers, hint: o?.suspendedResellers ? t('home.cards.suspended', { count: o.suspendedResellers, shown: formatNumber(o.suspendedResellers) }) : undefined, link: links.resellers },
    { label: t('home.cards.customers'), value: o?.customers, hint: t('home.cards.customersHint'), link: links.customers },
    { label: t('home.cards.activeCustomers'), value: o?.activeCustomers },
    {
      label: t('home.cards.monthlyRunRate'),
      value: o?.monthlyRunRate,
      shown: o?.monthlyRunRate != null ? formatMoney(o.monthlyRunRate, o.currency) : undefined,
      hint: t('home.cards.monthlyRunRateHint'),
      link: links.monthlyRunRate,
    },
    { label: t('home.cards.ordersPendingApproval'), value: o?.ordersPendingApproval, link: links.ordersPendingApproval },
    { label: t('home.cards.ordersInProgress'), value: o?.ordersInProgress, hint: storefront ? t('home.cards.ordersInProgressHint') : 'Waiting for manual provisioning', link: links.ordersInProgress },
    { label: t('home.cards.ordersTotal'), value: o?.ordersTotal, link: links.ordersTotal },
  ];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('home.welcome', { name: principal.displayName })}</Title>
        <Text c="dimmed">{place}</Text>
      </div>
      {overview.isError ? (
        <Alert color="red" title={t('home.loadError')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{overview.error.message}</Text>
            <Button size="xs" variant="light" onClick={() => overview.refetch()}>
              {t('actions.tryAgain')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {cards
            .filter((c) => !o || c.value !== null)
            .map((c) =>
              o ? (
                <StatCard key={c.label} label={c.label} value={c.shown ?? formatNumber(c.value ?? 0)} hint={c.hint} link={c.link} />
              ) : (
                <Skeleton key={c.label} height={96} radius="md" />
              ),
            )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
