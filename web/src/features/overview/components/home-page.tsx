import { Alert, Button, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
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
  usePageTitle(title);
  const overview = useOverview();
  const o = overview.data;
  const cards: { label: string; value: number | null | undefined; shown?: string; hint?: string | undefined; link?: { to: string; label: string } | undefined }[] = [
    { label: 'Resellers', value: o?.resellers, hint: o?.suspendedResellers ? `${formatNumber(o.suspendedResellers)} suspended` : undefined, link: links.resellers },
    { label: 'Customers', value: o?.customers, hint: 'Active and inactive', link: links.customers },
    { label: 'Active customers', value: o?.activeCustomers },
    {
      label: 'Monthly run rate',
      value: o?.monthlyRunRate,
      shown: o?.monthlyRunRate != null ? formatMoney(o.monthlyRunRate, o.currency) : undefined,
      hint: 'Across all customers',
      link: links.monthlyRunRate,
    },
    { label: 'Orders waiting for approval', value: o?.ordersPendingApproval, link: links.ordersPendingApproval },
    { label: 'Orders in progress', value: o?.ordersInProgress, hint: 'Waiting for manual provisioning', link: links.ordersInProgress },
    { label: 'All orders', value: o?.ordersTotal, link: links.ordersTotal },
  ];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Welcome, {principal.displayName}</Title>
        <Text c="dimmed">{place}</Text>
      </div>
      {overview.isError ? (
        <Alert color="red" title="The overview could not be loaded" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{overview.error.message}</Text>
            <Button size="xs" variant="light" onClick={() => overview.refetch()}>
              Try again
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
