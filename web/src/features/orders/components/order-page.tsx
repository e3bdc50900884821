import { Alert, Anchor, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/i18n';
import { Link, useParams } from 'react-router';
import type { OrderDetail } from '@app/shared';
import { ApiRequestError } from '@/lib/api-client';
import { formatDate, formatMoney, formatNumber } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { useOrder } from '../api/get-order';
import { useDecideOrder } from '../api/mutations';
import { approvalReasonText } from './approval-reason';
import { confirmDecision, DECISION_COPY, decisionsFor } from './decide-order';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTracking } from './order-tracking';
import { WatchNoteBanner } from '@/components/watch-note';

/** The note the server writes on every placement (orders/order.service.ts), in the reader's language. */
const PLACED_NOTE = 'Order placed';

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
  const { t } = useTranslation('orders');
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  usePageTitle(order.data ? t('order.title', { number: order.data.number }) : t('order.pageTitle'));

  const backLink = (
    <Anchor component={Link} to={back.to} size="sm" aria-label={t('order.backTo', { label: back.label })}>
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden /> {back.label}
      </Group>
    </Anchor>
  );
  if (order.isPending) {
    return (
      <Center mih={240}>
        <Loader role="status" aria-label={t('order.loading')} />
      </Center>
    );
  }
  if (order.isError) {
    const notFound = order.error instanceof ApiRequestError && order.error.status === 404;
    return (
      <Stack>
        {backLink}
        <Title order={1}>{notFound ? t('order.notFound') : t('order.loadError')}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert">
          {notFound ? t('order.notFoundText') : order.error.message}
        </Alert>
      </Stack>
    );
  }
  return <OrderView order={order.data} backLink={backLink} customerPath={customerPath} dateFormat={dateFormat} language={language} auditTrail={auditTrail} actions={actions} />;
}

function OrderView({ order: o, backLink, customerPath, dateFormat, language, auditTrail, actions }: { order: OrderDetail; backLink: React.ReactNode } & Omit<OrderPageProps, 'back'>) {
  const { t } = useTranslation(['orders', 'catalogue', 'common']);
  const decide = useDecideOrder();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const money = (n: number) => formatMoney(n, o.currency);
  // Cost comes only to those the policy lets see it (staff); so do the staff's words for how an order is fulfilled.
  const seesCost = o.totalCost !== undefined;
  const decisions = decisionsFor(o);

  return (
    <Stack gap="lg">
      {backLink}
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1}>{t('order.title', { number: o.number })}</Title>
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
            · {t('order.placed', { date: formatDate(o.orderedAt, dateFormat, true, language), name: o.placedBy.kind === 'customer' ? o.placedBy.name : t('order.byReseller', { name: o.placedBy.name }) })}
          </Text>
          {o.deliveryAddress && (
            <Text size="sm">
              <Text span fw={600}>
                {t('order.shipsTo')}
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
                  confirmDecision({ number: o.number, status: o.status }, d, (note) =>
                    decide.mutateAsync({ id: o.id, decision: d, note }).then((after) => notifications.show({ color: 'green', message: DECISION_COPY[d].doneOne(after.number) })),
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

      <SimpleGrid cols={{ base: seesCost ? 2 : 1, sm: seesCost ? 4 : 1 }} maw={seesCost ? undefined : 320}>
        <Figure label={t('order.totalAmount')} value={money(o.totalAmount)} hint={seesCost ? 'What the customer pays' : undefined} />
        {seesCost && <Figure label="Total cost" value={money(o.totalCost!)} hint="What the distributor charges" />}
        {seesCost && <Figure label="Margin" value={money(o.margin!)} />}
        {seesCost && <Figure label="Markup" value={`${o.markupPercent}%`} />}
      </SimpleGrid>

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="lines-title">
        <Title order={2} size="h3" id="lines-title" mb="sm">
          {t('order.lines')}
        </Title>
        {phone ? (
          // On a phone each line stacks: what it is, then quantity × price and the amount, all in view.
          <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="lines-title">
            {o.lines.map((l, i) => (
              <Stack component="li" key={l.productId} gap={2} py="sm" style={i > 0 ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}>
                <Text size="sm" fw={600}>
                  {l.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {l.sku} · {seesCost ? (l.provisioning === 'manual' ? 'manual provisioning' : 'automatic') : t(`catalogue:provisioning.${l.provisioning}`)} · {t(`catalogue:billing.${l.billing}`)}
                </Text>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" aria-label={`${t('catalogue:columns.quantity')} ${formatNumber(l.quantity)}, ${t('catalogue:columns.unitPrice')} ${money(l.unitPrice)}`}>
                    {formatNumber(l.quantity)} × {money(l.unitPrice)}
                  </Text>
                  <Text size="sm" fw={700} aria-label={`${t('order.amount')} ${money(l.amount)}`}>
                    {money(l.amount)}
                  </Text>
                </Group>
                {seesCost && (
                  <Text size="xs" c="dimmed">
                    Unit cost {money(l.unitCost!)}
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={seesCost ? 720 : 520}>
            <Table verticalSpacing="sm" aria-labelledby="lines-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('catalogue:columns.product')}</Table.Th>
                  <Table.Th>{t('catalogue:columns.billing')}</Table.Th>
                  <Table.Th ta="right">{t('catalogue:columns.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('catalogue:columns.unitPrice')}</Table.Th>
                  {seesCost && <Table.Th ta="right">Unit cost</Table.Th>}
                  <Table.Th ta="right">{t('order.amount')}</Table.Th>
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
                        {l.sku} · {seesCost ? (l.provisioning === 'manual' ? 'manual provisioning' : 'automatic') : t(`catalogue:provisioning.${l.provisioning}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`catalogue:billing.${l.billing}`)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(l.quantity)}</Table.Td>
                    <Table.Td ta="right">{money(l.unitPrice)}</Table.Td>
                    {seesCost && <Table.Td ta="right">{money(l.unitCost!)}</Table.Td>}
                    <Table.Td ta="right">{money(l.amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      {(o.tracking.length > 0 || o.abilities.addTracking) && <OrderTracking order={o} dateFormat={dateFormat} language={language} />}

      <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title" mb="md">
          {t('order.history')}
        </Title>
        <Timeline active={o.history.length - 1} bulletSize={16} lineWidth={2}>
          {o.history.map((h, i) => (
            <Timeline.Item key={i} title={h.from ? `${t(`common:status.${h.from}`)} → ${t(`common:status.${h.to}`)}` : t(`common:status.${h.to}`)}>
              <Text size="sm" c="dimmed">
                {formatDate(h.at, dateFormat, true, language)} · {h.byName}
              </Text>
              {h.note && <Text size="sm">“{h.note === PLACED_NOTE ? t('order.notePlaced') : h.note}”</Text>}
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
  const { t } = useTranslation('orders');
  const reason = o.status === 'pending_company_approval' ? o.approval?.company : o.status === 'pending_approval' ? o.approval?.reseller : null;
  if (!reason && !o.reference && !o.note) return null;
  const why = (r: NonNullable<typeof reason>) => approvalReasonText(r, o.currency);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('order.approvalAndReference')}>
      <Stack gap={4}>
        {reason && (
          <Text size="sm" c="#8f4700" fw={600}>
            {o.status === 'pending_company_approval' ? t('order.waitsCompany', { reason: why(reason) }) : t('order.waitsReseller', { reason: why(reason) })}
            {o.status === 'pending_company_approval' && o.approval?.reseller ? ` ${t('order.thenReseller', { reason: why(o.approval.reseller) })}` : ''}
          </Text>
        )}
        {o.reference && (
          <Text size="sm">
            <Text span fw={600}>
              {t('order.reference')}
            </Text>{' '}
            {o.reference}
          </Text>
        )}
        {o.note && (
          <Text size="sm">
            <Text span fw={600}>
              {t('order.note')}
            </Text>{' '}
            {o.note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
