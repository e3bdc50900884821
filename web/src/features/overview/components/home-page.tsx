import { Alert, Button, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Principal } from '@app/shared';
import { StatCard } from '@/components/stat-card';
import { formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useOverview } from '../api/get-overview';

const ROLE_LABEL = { distributor: 'Distributor', reseller: 'Reseller', storefront: 'Storefront' } as const;

function placeOf(p: Principal): string {
  if (p.role === 'distributor') return `Distributor · ${p.distributorName}`;
  if (p.role === 'reseller') return `Reseller · ${p.resellerName} · distributor ${p.distributorName}`;
  return `Storefront · ${p.customerName} · buying from ${p.resellerName}`;
}

export function HomePage({ principal }: { principal: Principal }) {
  usePageTitle(`${ROLE_LABEL[principal.role]} home`);
  const overview = useOverview();
  const o = overview.data;

  const customersLink =
    principal.role === 'storefront' ? undefined : { to: `/${principal.role}/customers`, label: principal.role === 'reseller' ? 'Open my customers' : 'Open customers' };
  const cards: { label: string; value: number | null | undefined; hint?: string; link?: { to: string; label: string } | undefined }[] = [
    { label: 'Resellers', value: o?.resellers },
    { label: 'Customers', value: o?.customers, hint: 'Active and inactive', link: customersLink },
    { label: 'Active customers', value: o?.activeCustomers },
    { label: 'Orders waiting for approval', value: o?.ordersPendingApproval },
    { label: 'Orders in progress', value: o?.ordersInProgress, hint: 'Waiting for manual provisioning' },
    { label: 'All orders', value: o?.ordersTotal },
  ];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Welcome, {principal.displayName}</Title>
        <Text c="dimmed">{placeOf(principal)}</Text>
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
                <StatCard key={c.label} label={c.label} value={formatNumber(c.value ?? 0)} hint={c.hint} link={c.link} />
              ) : (
                <Skeleton key={c.label} height={96} radius="md" />
              ),
            )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
