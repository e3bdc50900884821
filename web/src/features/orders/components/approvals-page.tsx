import { Alert, Anchor, Badge, Box, Button, Card, Checkbox, Group, Loader, Center, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Order, OrderDecision } from '@app/shared';
import { formatAge, formatDate, formatMoney, formatNumber } from '@/lib/format';
import { ExportButton } from '@/components/export-button';
import { WatchNoteBanner, WatchNoteMark } from '@/components/watch-note';
import { usePageTitle } from '@/lib/use-page-title';
import { orderExportUrl } from '../api/export-orders';
import { useOrderPages } from '../api/get-orders';
import { useDecideOrders } from '../api/mutations';
import { confirmDecision, DECISION_COPY } from './decide-order';
import { OrderLink } from './order-link';

/** Each approval step's queue: the company's own approvers first, then the reseller. */
const QUEUES = {
  reseller: { status: 'pending_approval', intro: 'Orders of your customers waiting for your decision.', none: 'No order is waiting for your approval.' },
  company: { status: 'pending_company_approval', intro: 'Your buyers’ orders waiting for your approval before they go to your reseller.', none: 'No order is waiting for your approval.' },
} as const;
/** The queue's orders, oldest first unless the reseller chooses (the `sort` URL parameter). */
const QUEUE_SORTS = [
  { value: 'orderedAt', label: 'Oldest first' },
  { value: '-orderedAt', label: 'Newest first' },
  { value: '-totalAmount', label: 'Largest amount' },
];
const DEFAULT_QUEUE_SORT = 'orderedAt';

export interface ApprovalsPageProps {
  /** Whose approval the queue is: the reseller's (default) or the customer company's. */
  step?: keyof typeof QUEUES;
  orderPath: (id: string) => string;
  /** Offer Orders.xlsx of the whole queue (the principal's `exportOrders` ability). */
  canExport?: boolean;
  /** The customer's record, for staff. */
  customerPath?: ((id: string) => string) | undefined;
  dateFormat: string;
  /** The customer filter, composed in by the app (customers are another feature's). */
  customerFilter?: (props: { value: string | null; onChange: (id: string | null) => void }) => ReactNode;
}

/** Reseller · Approvals: every order waiting for this reseller's decision, oldest first, decided one by one or many at once. */
export function ApprovalsPage({ step = 'reseller', orderPath, customerPath, dateFormat, canExport = false, customerFilter }: ApprovalsPageProps) {
  const queue = QUEUES[step];
  usePageTitle('Approvals');
  const [params, setParams] = useSearchParams();
  const sort = QUEUE_SORTS.some((o) => o.value === params.get('sort')) ? params.get('sort')! : DEFAULT_QUEUE_SORT;
  const customerId = /^[0-9a-f]{24}$/.test(params.get('customer') ?? '') ? params.get('customer')! : '';
  const setParam = (name: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const view = { status: queue.status, customerId: customerId || undefined, search: debounced || undefined };
  const pages = useOrderPages(view, sort, 50);
  const decide = useDecideOrders();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Decided here: gone from the queue at once, before the list comes back from the server.
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const orders = (pages.data?.pages.flatMap((p) => p.items) ?? []).filter((o) => !decided.has(o.id));
  const total = Math.max(0, (pages.data?.pages[0]?.total ?? 0) - [...decided].filter((id) => pages.data?.pages.some((p) => p.items.some((o) => o.id === id))).length);
  const chosen = orders.filter((o) => selected.has(o.id));

  const allShown = orders.length > 0 && chosen.length === orders.length;
  const toggleAll = (on: boolean) => setSelected(on ? new Set(orders.map((o) => o.id)) : new Set());
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
          <Text c="dimmed">{queue.intro}</Text>
        </div>
        {canExport && total > 0 && <ExportButton url={orderExportUrl(view, sort)} />}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label="Filter the orders waiting">
        <TextInput label="Order number" placeholder="e.g. NW-000124" leftSection={<IconSearch size={16} aria-hidden />} w={{ base: '100%', xs: 180 }} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        {customerFilter?.({ value: customerId || null, onChange: (id) => setParam('customer', id ?? '') })}
        <Select label="Sort" w={{ base: '100%', xs: 180 }} data={QUEUE_SORTS} value={sort} allowDeselect={false} onChange={(v) => setParam('sort', v && v !== DEFAULT_QUEUE_SORT ? v : '')} />
      </Group>

      {orders.length > 0 && (
        // The bulk bar stays in view while the reseller scrolls through the cards.
        <Paper withBorder radius="md" p="xs" px="md" style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + 8px)', zIndex: 5 }} role="region" aria-label="Selection">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Checkbox
              label={chosen.length > 0 ? `${chosen.length} selected` : `Select all ${orders.length} shown`}
              checked={allShown}
              indeterminate={chosen.length > 0 && !allShown}
              onChange={(e) => toggleAll(e.currentTarget.checked)}
            />
            {chosen.length > 0 && (
              <Group gap="xs">
                <Button size="xs" onClick={() => run(chosen, 'accept')}>
                  Accept selected
                </Button>
                <Button size="xs" variant="default" color="red" onClick={() => run(chosen, 'cancel')}>
                  Cancel selected
                </Button>
              </Group>
            )}
          </Group>
        </Paper>
      )}

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
        <Alert color="gray" role="status" title={view.search || view.customerId ? 'No waiting order matches' : 'Nothing is waiting'}>
          {view.search || view.customerId ? 'No order waiting for your approval matches these filters.' : queue.none}
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
                <Group gap={6} wrap="nowrap">
                  {customerPath ? (
                    <Anchor component={Link} to={customerPath(o.customerId)} size="sm" truncate>
                      {o.customerName}
                    </Anchor>
                  ) : (
                    <Text size="sm">{o.customerName}</Text>
                  )}
                  {o.customerWatchNote && <WatchNoteMark text={o.customerWatchNote} />}
                </Group>
                <Text size="xs" c="dimmed">
                  Placed {formatDate(o.orderedAt, dateFormat)} by {o.placedBy.name}
                  {o.reference ? ` · ref. ${o.reference}` : ''}
                </Text>
                <WaitsBecause order={o} step={step} />
              </Stack>
            </Group>
            {o.customerWatchNote && (
              <Box mt="sm">
                <WatchNoteBanner text={o.customerWatchNote} />
              </Box>
            )}
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
            {o.note && (
              <Text size="sm" mt="xs">
                <Text span fw={600}>
                  Note:
                </Text>{' '}
                {o.note}
              </Text>
            )}
            <SimpleGrid cols={o.totalCost !== undefined ? 4 : 1} mt="sm" spacing="xs">
              <Money label="Amount" value={formatMoney(o.totalAmount, o.currency)} />
              {o.totalCost !== undefined && (
                <>
                  <Money label="Cost" value={formatMoney(o.totalCost, o.currency)} />
                  <Money label="Margin" value={o.margin !== undefined ? formatMoney(o.margin, o.currency) : '—'} negative={o.margin !== undefined && o.margin < 0} />
                  <Money label="Markup" value={o.markupPercent !== undefined ? `${o.markupPercent}%` : '—'} />
                </>
              )}
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

/** The rule that made the order wait at this step, as the server words it. */
function WaitsBecause({ order, step }: { order: Order; step: keyof typeof QUEUES }) {
  const reason = order.approval?.[step];
  if (!reason) return null;
  return (
    <Text size="xs" c="#8f4700" fw={600}>
      Waits because: {reason.text}
    </Text>
  );
}

/** A figure of the card; a negative margin (a level that allows prices below cost) is flagged in red. */
function Money({ label, value, negative = false }: { label: string; value: string; negative?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={negative ? 'red.8' : undefined}>
        {value}
        {negative ? ' (below cost)' : ''}
      </Text>
    </div>
  );
}
