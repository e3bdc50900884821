import { Alert, Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { StatCard } from '@/components/stat-card';
import { formatMoney, formatNumber } from '@/lib/format';
import type { useCustomerStats } from '../api/get-customer-stats';

export function CustomerStatsCards({ stats }: { stats: ReturnType<typeof useCustomerStats> }) {
  // On a phone three stacked cards would push the customers below the first screen: one strip instead.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  if (stats.isError) {
    return (
      <Alert color="red" role="alert" title="Statistics are not available">
        {stats.error.message}
      </Alert>
    );
  }
  const s = stats.data;
  const figures = s
    ? [
        { label: 'All customers', short: 'Customers', value: formatNumber(s.allCustomers), hint: 'Active and inactive' },
        { label: 'Transacting customers', short: 'Transacting', value: formatNumber(s.transactingCustomers), hint: 'At least one active subscription' },
        { label: 'Monthly run rate', short: 'Run rate / month', value: formatMoney(s.monthlyRunRate, s.currency), hint: 'Executed monthly orders still active' },
      ]
    : null;
  if (phone) {
    return (
      <Paper withBorder radius="md" p="xs" aria-label="Customer statistics" component="section">
        {figures ? (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1.5fr', gap: 'var(--mantine-spacing-xs)' }}>
            {figures.map((f) => (
              <div key={f.label} title={`${f.label}: ${f.hint}`}>
                <Text size="xs" c="dimmed" fw={600} lh={1.2}>
                  {f.short}
                </Text>
                <Text fw={700} size="md" lh={1.3} style={{ whiteSpace: 'nowrap' }}>
                  {f.value}
                </Text>
              </div>
            ))}
          </div>
        ) : (
          <Skeleton height={40} />
        )}
      </Paper>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} aria-label="Customer statistics">
      {figures ? figures.map((f) => <StatCard key={f.label} label={f.label} value={f.value} hint={f.hint} />) : [0, 1, 2].map((i) => <Skeleton key={i} height={96} radius="md" />)}
    </SimpleGrid>
  );
}
