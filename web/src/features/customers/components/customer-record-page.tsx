import { Alert, Anchor, Badge, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { CustomerDetail, Principal, Role } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { withRememberedSearch } from '@/lib/remembered-view';
import { usePageTitle } from '@/lib/use-page-title';
import { useCustomer } from '../api/get-customer';
import { CreditTermsSection } from './credit-terms-section';
import { CustomerInformation } from './customer-information';
import { RecordMenu } from './record-menu';
import { WatchNoteControl } from './watch-note-control';

/** What the app layer plugs into the record: the storefront users section with its Add dialog, and the orders. */
export interface RecordSlots {
  storefrontUsers?: (ctx: { customer: CustomerDetail; addOpen: boolean; openAdd: () => void; closeAdd: () => void }) => ReactNode;
  orders?: (ctx: { customer: CustomerDetail }) => ReactNode;
  /** The customer's price level per category and its price list (the price-levels feature's). */
  priceLevels?: (ctx: { customer: CustomerDetail }) => ReactNode;
  /** Notes, changes and orders merged, newest first (the customer-notes feature's). */
  timeline?: (ctx: { customer: CustomerDetail }) => ReactNode;
  /** The customer's balance and invoices (the invoices feature's), under its terms. */
  invoices?: (ctx: { customer: CustomerDetail }) => ReactNode;
  /** The record's own audit trail (the audit feature's), where the viewer may read it. */
  history?: (ctx: { customer: CustomerDetail }) => ReactNode;
  /** "View as customer" (the view-as feature's), where the viewer may look. */
  viewAs?: (ctx: { customer: CustomerDetail }) => ReactNode;
}

/** Reseller · Customer record (read-only for the distributor). */
export function CustomerRecordPage({ principal, area, slots = {} }: { principal: Principal; area: Role; slots?: RecordSlots }) {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  const [addOpen, add] = useDisclosure(false);
  const { hash } = useLocation();
  // A link to a section (#orders from an order-number search): scroll there once the record is shown.
  useEffect(() => {
    if (hash && customer.isSuccess) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash, customer.isSuccess]);
  // Back to the grid as it was left: its search, sort and filters (and, there, its scroll).
  const listPath = withRememberedSearch(paths.customers(area));
  usePageTitle(customer.data?.companyName ?? 'Customer');

  if (customer.isPending) {
    return (
      <Center mih={240}>
        <Loader role="status" aria-label="Loading the customer" />
      </Center>
    );
  }
  if (customer.isError) {
    const notFound = customer.error instanceof ApiRequestError && customer.error.status === 404;
    return (
      <Stack>
        <Title order={1}>{notFound ? 'Customer not found' : 'The customer could not be loaded'}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert">
          {notFound ? 'There is no customer at this address among yours.' : customer.error.message}
        </Alert>
        <Anchor component={Link} to={listPath}>
          Back to the customers
        </Anchor>
      </Stack>
    );
  }

  const c = customer.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={listPath} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Customers
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group justify="space-between" align="center" wrap="wrap" gap="sm">
          <Group gap="sm" align="center">
            <Title order={1}>{c.companyName}</Title>
            {!c.active && (
              <Badge color="gray.7" variant="filled">
                Inactive
              </Badge>
            )}
            {c.storefrontAccess && <Badge color="teal.9">Storefront access</Badge>}
          </Group>
          {c.abilities.viewAs && slots.viewAs?.({ customer: c })}
        </Group>
        {c.tradingName && <Text c="dimmed">Trading as {c.tradingName}</Text>}
        {principal.abilities.listResellers && <Text c="dimmed">Customer of {c.resellerName}</Text>}
      </Stack>
      <WatchNoteControl customer={c} dateFormat={principal.preferences.dateFormat} />
      <RecordMenu customer={c} onAddStorefrontUser={slots.storefrontUsers && c.abilities.addStorefrontUser ? add.open : undefined} withHistory={Boolean(slots.history)} />
      <CustomerInformation key={c.id} customer={c} />
      <CreditTermsSection customer={c} extra={slots.invoices?.({ customer: c })} />
      {slots.priceLevels?.({ customer: c })}
      {slots.storefrontUsers?.({ customer: c, addOpen, openAdd: add.open, closeAdd: add.close })}
      {slots.timeline && (
        <Paper withBorder p="lg" radius="md" id="timeline" component="section" aria-labelledby="timeline-title">
          <Title order={2} size="h3" id="timeline-title" mb="sm">
            Notes and timeline
          </Title>
          {slots.timeline({ customer: c })}
        </Paper>
      )}
      <Paper withBorder p="lg" radius="md" id="orders" component="section" aria-labelledby="orders-title">
        <Title order={2} size="h3" id="orders-title" mb="sm">
          Orders
        </Title>
        {slots.orders?.({ customer: c })}
      </Paper>
      {slots.history && (
        <Paper withBorder p="lg" radius="md" id="history" component="section" aria-labelledby="history-title">
          <Title order={2} size="h3" id="history-title" mb="sm">
            History
          </Title>
          {slots.history({ customer: c })}
        </Paper>
      )}
    </Stack>
  );
}
