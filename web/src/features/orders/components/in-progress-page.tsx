import { Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { usePageTitle } from '@/lib/use-page-title';
import { OrdersView, type OrdersViewProps } from './orders-view';

const AGES = [
  { value: '1', label: 'Older than 1 day' },
  { value: '3', label: 'Older than 3 days' },
  { value: '7', label: 'Older than a week' },
  { value: '30', label: 'Older than a month' },
];

export interface InProgressPageProps extends Pick<OrdersViewProps, 'orderPath' | 'dateFormat' | 'canExport'> {
  resellers: { value: string; label: string }[];
}

/** Distributor · Orders in progress: the manual provisioning queue across resellers, to finish or cancel. */
export function InProgressPage({ resellers, ...grid }: InProgressPageProps) {
  usePageTitle('Orders in progress');
  const [resellerId, setResellerId] = useState('');
  const [age, setAge] = useState('');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Orders in progress</Title>
        <Text c="dimmed">Orders waiting for manual provisioning across your resellers. Mark each executed once provisioned, or cancel it.</Text>
      </div>
      <OrdersView
        {...grid}
        fixed={{ status: 'in_progress', resellerId: resellerId || undefined, olderThanDays: age ? Number(age) : undefined }}
        returnLabel="Orders in progress"
        statusFilter={false}
        showCustomer
        showReseller
        height={560}
        emptyText="No order is waiting for manual provisioning."
        extraFilters={
          <>
            <Select label="Reseller" placeholder="All resellers" clearable w={220} data={resellers} value={resellerId || null} onChange={(v) => setResellerId(v ?? '')} />
            <Select label="Waiting" placeholder="Any age" clearable w={190} data={AGES} value={age || null} onChange={(v) => setAge(v ?? '')} />
          </>
        }
      />
    </Stack>
  );
}
