import { Alert, Anchor, Center, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { ResellerDetail } from '@app/shared';
import { StatCard } from '@/components/stat-card';
import { ApiRequestError } from '@/lib/api-client';
import { formatAge, formatMoney, formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useReseller } from '../api/get-reseller';
import { ResellerDetailsForm } from './reseller-details-form';
import { PaymentMethodSection } from './payment-method-section';
import { StandingSection } from './standing-section';
import { StaffUsersSection } from './staff-users-section';
import { StatusBadge } from './reseller-badges';

export interface ResellerDetailPageProps {
  listPath: string;
  /** The distributor's customer grid narrowed to this reseller. */
  customersPath: (id: string) => string;
  /** The reseller's orders (read-only here; in-progress ones open to be finished), composed by the app. */
  orders: (reseller: ResellerDetail) => ReactNode;
  /** The viewer's date format (last sign-ins). */
  dateFormat: string;
  /** The viewer may list the reseller's staff users (the principal's ability). */
  canListStaff: boolean;
  /** The reseller's credit setting (read-only for the distributor), composed by the app. */
  credit?: (reseller: ResellerDetail) => ReactNode;
}

/** Distributor · Reseller detail: figures, payment method, standing, details, staff users, its orders. */
export function ResellerDetailPage({ listPath, customersPath, orders, dateFormat, canListStaff, credit }: ResellerDetailPageProps) {
  const { resellerId = '' } = useParams();
  const reseller = useReseller(resellerId);
  usePageTitle(reseller.data?.name ?? 'Reseller');

  if (reseller.isPending) {
    return (
      <Center mih={240}>
        <Loader role="status" aria-label="Loading the reseller" />
      </Center>
    );
  }
  if (reseller.isError) {
    const notFound = reseller.error instanceof ApiRequestError && reseller.error.status === 404;
    return (
      <Stack>
        <Title order={1}>{notFound ? 'Reseller not found' : 'The reseller could not be loaded'}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert">
          {notFound ? 'There is no reseller at this address among yours.' : reseller.error.message}
        </Alert>
        <Anchor component={Link} to={listPath}>
          Back to the resellers
        </Anchor>
      </Stack>
    );
  }

  const r = reseller.data;
  const f = r.figures;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={listPath} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Resellers
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>{r.name}</Title>
          <StatusBadge status={r.status} />
        </Group>
        <Text c="dimmed">{[r.contactName, r.contactEmail, r.phone].filter(Boolean).join(' · ')}</Text>
      </Stack>
      {r.status === 'suspended' && (
        <Alert color="red" role="note" title="This reseller is suspended">
          Its staff and its customers’ storefront users cannot sign in, and its storefront takes no orders.
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard label="Customers" value={formatNumber(f.customers)} link={{ to: customersPath(r.id), label: 'Open its customers' }} />
        <StatCard label="Monthly run rate" value={formatMoney(f.monthlyRunRate, f.currency)} />
        <StatCard
          label="Orders waiting for approval"
          value={formatNumber(f.ordersPendingApproval)}
          hint={f.oldestPendingOrderAt ? `Oldest waiting ${formatAge(f.oldestPendingOrderAt)}` : 'None waiting'}
        />
        <StatCard label="Orders in progress" value={formatNumber(f.ordersInProgress)} hint="Waiting for manual provisioning" />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <PaymentMethodSection reseller={r} />
        <StandingSection reseller={r} />
      </SimpleGrid>
      {credit?.(r)}
      <ResellerDetailsForm key={r.id} reseller={r} />
      {canListStaff && <StaffUsersSection resellerId={r.id} dateFormat={dateFormat} />}

      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="orders-title">
        <Title order={2} size="h3" id="orders-title" mb="sm">
          Orders
        </Title>
        {orders(r)}
      </Paper>
    </Stack>
  );
}
