import { Alert, SimpleGrid, Skeleton } from '@mantine/core';
import { StatCard } from '@/components/stat-card';
import { formatMoney, formatNumber } from '@/lib/format';
import type { useCustomerStats } from '../api/get-customer-stats';

export function CustomerStatsCards({ stats }: { stats: ReturnType<typeof useCustomerStats> }) {
  if (stats.isError) {
    return (
      <Alert color="red" role="alert" title="Statistics are not available">
        {stats.error.message}
      </Alert>
    );
  }
  const s = stats.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} aria-label="Customer statistics">
      {s ? (
        <>
          <StatCard label="All customers" value={formatNumber(s.allCustomers)} hint="Active and inactive" />
          <StatCard label="Transacting customers" value={formatNumber(s.transactingCustomers)} hint="At least one active subscription" />
          <StatCard label="Monthly run rate" value={formatMoney(s.monthlyRunRate, s.currency)} hint="Executed monthly orders still active" />
        </>
      ) : (
        [0, 1, 2].map((i) => <Skeleton key={i} height={96} radius="md" />)
      )}
    </SimpleGrid>
  );
}
