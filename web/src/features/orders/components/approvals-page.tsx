import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Loader, Center, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Order, OrderDecision } from '@app/shared';
import { formatAge, formatDate, formatMoney, formatNumber } from '@/lib/format';
import { ExportButton } from '@/components/export-button';
import { usePageTitle } from '@/lib/use-page-title';
import { orderExportUrl } from '../api/export-orders';
import { useOrderPages } from '../api/get-orders';
import { useDecideOrders } from '../api/mutations';
import { confirmDecision, DECISION_COPY } from './decide-order';
import { OrderLink } from './order-link';

const QUEUE = { status: 'pending_approval' } as const;
const QUEUE_SORT = 'orderedAt';

export interface ApprovalsPageProps {
  orderPath: (id: string) => string;
  /** Offer Orders.xlsx of the whole queue (the principal's `exportOrders` ability). */
  canExport?: boolean;
  customerPath: (id: string) => string;
  dateFormat: string;
}

/** Reseller · Approvals: every order waiting for this reseller's decision, oldest first, decided one by one or many at once. */
export function ApprovalsPage({ orderPath, customerPath, dateFormat, canExport = false }: ApprovalsPageProps) {
  usePageTitle('Approvals');
  const pages = useOrderPages(QUEUE, QUEUE_SORT);
  const decide = useDecideOrders();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Decided here: gone from the queue at once, before the list comes back from the server.
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const orders = (pages.data?.pages.flatMap((p) => p.items) ?? []).filter((o) => !decided.has(o.id));
  const total = Math.max(0, (pages.data?.pages[0]?.total ?? 0) - [...decided].filter((id) => pages.data?.pages.some((p) => p.items.some((o) => o.id === id))).length);
  const chosen = orders.filter((o) => selected.has(o.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const run = (targets: Order[], decision: OrderDecision) =>
    confirmDecision({ number: targets[0]!.number, count: targets.length }, decision, async (note) => {
      const { results } = await decide.mutateAsync({ ids: targets.map((o) => o.id), decision, note });
      const done = results.filter((r) => r.outcome === 'done');
      const missed = results.filter((r) => r.outcome !== 'done');
      // Decided by someone else meanwhile: not waiting any more either.
      setDecided((s) => new Set([...s, ...results.filter((r) => r.outcome === 'done' || r.outcome === 'changed').map((r) => r.id)]));
      const numberOf = (id: string) => targets.find((o) => o.id === id)?.number ?? id;
      if (done.length > 0) notifications.show({ color: 'green', message: `${done.length === 1 ? `Order ${numberOf(done[0]!.id)}` : `${done.length} orders`} ${DECISION_COPY[decision].done}.` });
      if (missed.length > 0) {
        notifications.show({
          color: 'orange',
          autoClose: false,
          title: `${missed.length} order${missed.length === 1 ? ' was' : 's were'} not ${DECISION_COPY[decision].done}`,
          message: missed.map((r) => `${numberOf(r.id)}: ${r.message ?? r.outcome}`).join('\n'),
        });
      }
      setSelected(new Set());
    });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>Approvals</Title>
          <Text c="dimmed">Orders of your customers waiting for your decision, oldest first.</Text>
        </div>
        {chosen.length === 0 && canExport && total > 0 && <ExportButton url={orderExportUrl(QUEUE, QUEUE_SORT)} />}
        {chosen.length > 0 && (
          <Group>
            <Text size="sm" fw={600}>
              {chosen.length} selected
            </Text>
            <Button onClick={() => run(chosen, 'accept')}>Accept selected</Button>
            <Button variant="default" color="red" onClick={() => run(chosen, 'cancel')}>
              Cancel selected
            </Button>
          </Group>
        )}
      </Group>

      {pages.isPending && (
        <Center mih={200}>
          <Loader role="status" aria-label="Loading the orders waiting for approval" />
        </Center>
      )}
      {pages.isError && (
        <Alert color="red" role="alert" title="The orders could not be loaded">
          {pages.error.message}
        </Alert>
      )}
      {pages.isSuccess && total === 0 && (
        <Alert color="gray" role="status" title="Nothing is waiting">
          No order is waiting for your approval.
        </Alert>
      )}
      {total > 0 && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {formatNumber(total)} {total === 1 ? 'order is' : 'orders are'} waiting.
        </Text>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {orders.map((o) => (
          <Card key={o.id} withBorder radius="md" padding="md" component="article" aria-label={`Order ${o.number}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Checkbox aria-label={`Select order ${o.number}`} checked={selected.has(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} mt={4} />
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs">
                  <OrderLink to={orderPath(o.id)} returnLabel="Approvals" fw={700}>
                    {o.number}
                  </OrderLink>
                  <Badge color="#8f4700" variant="filled" style={{ textTransform: 'none' }}>
                    waiting {formatAge(o.orderedAt)}
                  </Badge>
                </Group>
                <Anchor component={Link} to={customerPath(o.customerId)} size="sm" truncate>
                  {o.customerName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  Placed {formatDate(o.orderedAt, dateFormat)} by {o.placedBy.name}
                </Text>
              </Stack>
            </Group>
            <Table mt="sm" verticalSpacing={4} fz="sm">
              <Table.Tbody>
                {o.lines.map((l) => (
                  <Table.Tr key={l.productId}>
                    <Table.Td>
                      {l.quantity} × {l.name}
                      {l.provisioning === 'manual' ? ' (manual)' : ''}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(l.amount, o.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <SimpleGrid cols={4} mt="sm" spacing="xs">
              <Money label="Amount" value={formatMoney(o.totalAmount, o.currency)} />
              <Money label="Cost" value={o.totalCost !== undefined ? formatMoney(o.totalCost, o.currency) : '—'} />
              <Money label="Margin" value={o.margin !== undefined ? formatMoney(o.margin, o.currency) : '—'} />
              <Money label="Markup" value={o.markupPercent !== undefined ? `${o.markupPercent}%` : '—'} />
            </SimpleGrid>
            <Group justify="flex-end" mt="md">
              {o.abilities.cancel && (
                <Button variant="default" color="red" size="xs" onClick={() => run([o], 'cancel')}>
                  Cancel order
                </Button>
              )}
              {o.abilities.accept && (
                <Button size="xs" onClick={() => run([o], 'accept')}>
                  Accept
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {pages.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            Show more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Money({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </div>
  );
}
