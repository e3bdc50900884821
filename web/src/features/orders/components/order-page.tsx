import { Alert, Anchor, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ORDER_STATUS_LABEL, type OrderDetail } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatDate, formatMoney } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useOrder } from '../api/get-order';
import { useDecideOrder } from '../api/mutations';
import { confirmDecision, DECISION_COPY, decisionsFor } from './decide-order';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTracking } from './order-tracking';
import { WatchNoteBanner } from '@/components/watch-note';

export interface OrderPageProps {
  /** Where "back" leads, and what it says. */
  back: { to: string; label: string };
  /** The customer's record, for staff. */
  customerPath?: (id: string) => string;
  dateFormat: string;
  language: string;
  /** The order's audit trail (who, when, from where), composed in by the app where the viewer may read it. */
  auditTrail?: ((order: OrderDetail) => ReactNode) | undefined;
  /** More buttons beside the decisions, composed in by the app ("Order again" in the storefront). */
  actions?: ((order: OrderDetail) => ReactNode) | undefined;
}

/** One order: its lines and prices (cost and margin for staff), its history, and the decisions the caller may take. */
export function OrderPage({ back, customerPath, dateFormat, language, auditTrail, actions }: OrderPageProps) {
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  usePageTitle(order.data ? `Order ${order.data.number}` : 'Order');

  const backLink = (
    <Anchor component={Link} to={back.to} size="sm" aria-label={`Back to ${back.label}`}>
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden /> {back.label}
      </Group>
    </Anchor>
  );
  if (order.isPending) {
    return (
      <Center mih={240}>
        <Loader role="status" aria-label="Loading the order" />
      </Center>
    );
  }
  if (order.isError) {
    const notFound = order.error instanceof ApiRequestError && order.error.status === 404;
    return (
      <Stack>
        {backLink}
        <Title order={1}>{notFound ? 'Order not found' : 'The order could not be loaded'}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert">
          {notFound ? 'There is no order at this address among yours.' : order.error.message}
        </Alert>
      </Stack>
    );
  }
  return <OrderView order={order.data} backLink={backLink} customerPath={customerPath} dateFormat={dateFormat} language={language} auditTrail={auditTrail} actions={actions} />;
}

function OrderView({ order: o, backLink, customerPath, dateFormat, language, auditTrail, actions }: { order: OrderDetail; backLink: React.ReactNode } & Omit<OrderPageProps, 'back'>) {
  const decide = useDecideOrder();
  const money = (n: number) => formatMoney(n, o.currency);
  const seesCost = o.totalCost !== undefined;
  const decisions = decisionsFor(o);

  return (
    <Stack gap="lg">
      {backLink}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1}>Order {o.number}</Title>
            <OrderStatusBadge status={o.status} />
          </Group>
          <Text c="dimmed">
            {customerPath ? (
              <Anchor component={Link} to={customerPath(o.customerId)} underline="always">
                {o.customerName}
              </Anchor>
            ) : (
              o.customerName
            )}{' '}
            · placed {formatDate(o.orderedAt, dateFormat, true, language)} by {o.placedBy.kind === 'customer' ? o.placedBy.name : `${o.placedBy.name} (reseller)`}
          </Text>
          {o.deliveryAddress && (
            <Text size="sm">
              <Text span fw={600}>
                Ships to:
              </Text>{' '}
              {[o.deliveryAddress.address, [o.deliveryAddress.postcode, o.deliveryAddress.city].filter(Boolean).join(' '), o.deliveryAddress.state, o.deliveryAddress.country].filter(Boolean).join(', ')}
            </Text>
          )}
        </Stack>
        {(decisions.length > 0 || actions) && (
          <Group>
            {actions?.(o)}
            {decisions.map((d) => (
              <Button
                key={d}
                variant={DECISION_COPY[d].danger ? 'default' : 'filled'}
                color={DECISION_COPY[d].danger ? 'red' : undefined}
                loading={decide.isPending && decide.variables?.decision === d}
                onClick={() =>
                  confirmDecision({ number: o.number }, d, (note) =>
                    decide.mutateAsync({ id: o.id, decision: d, note }).then((after) => notifications.show({ color: 'green', message: `Order ${after.number} ${DECISION_COPY[d].done}.` })),
                  )
                }
              >
                {DECISION_COPY[d].label}
              </Button>
            ))}
          </Group>
        )}
      </Group>

      {o.customerWatchNote && <WatchNoteBanner text={o.customerWatchNote} />}
      <WaitingAndReference order={o} />

      <SimpleGrid cols={{ base: 1, sm: seesCost ? 4 : 1 }} maw={seesCost ? undefined : 320}>
        <Figure label="Total amount" value={money(o.totalAmount)} hint="What the customer pays" />
        {seesCost && <Figure label="Total cost" value={money(o.totalCost!)} hint="What the distributor charges" />}
        {seesCost && <Figure label="Margin" value={money(o.margin!)} />}
        {seesCost && <Figure label="Markup" value={`${o.markupPercent}%`} />}
      </SimpleGrid>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="lines-title">
        <Title order={2} size="h3" id="lines-title" mb="sm">
          Lines
        </Title>
        <Table.ScrollContainer minWidth={seesCost ? 720 : 520}>
          <Table verticalSpacing="sm" aria-labelledby="lines-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Billing</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Unit price</Table.Th>
                {seesCost && <Table.Th ta="right">Unit cost</Table.Th>}
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.lines.map((l) => (
                <Table.Tr key={l.productId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {l.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {l.sku} · {l.provisioning === 'manual' ? 'manual provisioning' : 'automatic'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.billing === 'monthly' ? 'Monthly' : 'One-time'}</Table.Td>
                  <Table.Td ta="right">{l.quantity}</Table.Td>
                  <Table.Td ta="right">{money(l.unitPrice)}</Table.Td>
                  {seesCost && <Table.Td ta="right">{money(l.unitCost!)}</Table.Td>}
                  <Table.Td ta="right">{money(l.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      {(o.tracking.length > 0 || o.abilities.addTracking) && <OrderTracking order={o} dateFormat={dateFormat} language={language} />}

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title" mb="md">
          History
        </Title>
        <Timeline active={o.history.length - 1} bulletSize={16} lineWidth={2}>
          {o.history.map((h, i) => (
            <Timeline.Item key={i} title={h.from ? `${ORDER_STATUS_LABEL[h.from]} → ${ORDER_STATUS_LABEL[h.to]}` : ORDER_STATUS_LABEL[h.to]}>
              <Text size="sm" c="dimmed">
                {formatDate(h.at, dateFormat, true, language)} · {h.byName}
              </Text>
              {h.note && <Text size="sm">“{h.note}”</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      {auditTrail && (
        <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="audit-trail-title">
          <Title order={2} size="h3" id="audit-trail-title" mb="md">
            Audit trail
          </Title>
          {auditTrail(o)}
        </Paper>
      )}
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** Why the order waits (the rule of the step it waits at), and the buyer's reference and note. */
function WaitingAndReference({ order: o }: { order: OrderDetail }) {
  const reason = o.status === 'pending_company_approval' ? o.approval?.company : o.status === 'pending_approval' ? o.approval?.reseller : null;
  if (!reason && !o.reference && !o.note) return null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Approval and reference">
      <Stack gap={4}>
        {reason && (
          <Text size="sm" c="#8f4700" fw={600}>
            {o.status === 'pending_company_approval' ? 'Waits for the company’s approval because: ' : 'Waits for the reseller’s approval because: '}
            {reason.text}
            {o.status === 'pending_company_approval' && o.approval?.reseller ? ` — then for the reseller’s (${o.approval.reseller.text}).` : ''}
          </Text>
        )}
        {o.reference && (
          <Text size="sm">
            <Text span fw={600}>
              Reference:
            </Text>{' '}
            {o.reference}
          </Text>
        )}
        {o.note && (
          <Text size="sm">
            <Text span fw={600}>
              Note:
            </Text>{' '}
            {o.note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
