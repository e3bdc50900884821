import { Alert, Anchor, Badge, Box, Button, Card, Checkbox, Group, Loader, Center, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '@/lib/i18n';
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
import { approvalReasonText } from './approval-reason';
import { OrderLink } from './order-link';

/** Each approval step's queue: the company's own approvers first, then the reseller. */
const QUEUES = {
  reseller: { status: 'pending_approval', intro: 'approvals.introReseller' },
  company: { status: 'pending_company_approval', intro: 'approvals.introCompany' },
} as const;
/** The queue's orders, oldest first unless the reseller chooses (the `sort` URL parameter). */
const QUEUE_SORTS = [
  { value: 'orderedAt', label: 'approvals.oldest' },
  { value: '-orderedAt', label: 'approvals.newest' },
  { value: '-totalAmount', label: 'approvals.largest' },
] as const;
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
  const { t } = useTranslation('orders');
  const queue = QUEUES[step];
  usePageTitle(t('approvals.title'));
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
    confirmDecision({ number: targets[0]!.number, count: targets.length, status: queue.status }, decision, async (note) => {
      const { results } = await decide.mutateAsync({ ids: targets.map((o) => o.id), decision, note });
      const done = results.filter((r) => r.outcome === 'done');
      const missed = results.filter((r) => r.outcome !== 'done');
      // Decided by someone else meanwhile: not waiting any more either.
      setDecided((s) => new Set([...s, ...results.filter((r) => r.outcome === 'done' || r.outcome === 'changed').map((r) => r.id)]));
      const numberOf = (id: string) => targets.find((o) => o.id === id)?.number ?? id;
      if (done.length > 0) notifications.show({ color: 'green', message: done.length === 1 ? DECISION_COPY[decision].doneOne(numberOf(done[0]!.id)) : DECISION_COPY[decision].doneMany(done.length) });
      if (missed.length > 0) {
        notifications.show({
          color: 'orange',
          autoClose: false,
          title: DECISION_COPY[decision].missed(missed.length),
          message: missed.map((r) => `${numberOf(r.id)}: ${r.message ?? r.outcome}`).join('\n'),
        });
      }
      setSelected(new Set());
    });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('approvals.title')}</Title>
          <Text c="dimmed">{t(queue.intro)}</Text>
        </div>
        {canExport && total > 0 && <ExportButton url={orderExportUrl(view, sort)} />}
      </Group>

      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label={t('approvals.filterLabel')}>
        <TextInput label={t('approvals.numberLabel')} placeholder={t('approvals.numberPlaceholder')} leftSection={<IconSearch size={16} aria-hidden />} w={{ base: '100%', xs: 180 }} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        {customerFilter?.({ value: customerId || null, onChange: (id) => setParam('customer', id ?? '') })}
        <Select label={t('approvals.sort')} w={{ base: '100%', xs: 180 }} data={QUEUE_SORTS.map((o) => ({ value: o.value, label: t(o.label) }))} value={sort} allowDeselect={false} onChange={(v) => setParam('sort', v && v !== DEFAULT_QUEUE_SORT ? v : '')} />
      </Group>

      {orders.length > 0 && (
        // The bulk bar stays in view while the reseller scrolls through the cards.
        <Paper withBorder radius="md" p="xs" px="md" style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + 8px)', zIndex: 5 }} role="region" aria-label={t('approvals.selection')}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Checkbox
              label={chosen.length > 0 ? t('approvals.selected', { count: chosen.length }) : t('approvals.selectAll', { count: orders.length })}
              checked={allShown}
              indeterminate={chosen.length > 0 && !allShown}
              onChange={(e) => toggleAll(e.currentTarget.checked)}
            />
            {chosen.length > 0 && (
              <Group gap="xs">
                <Button size="xs" onClick={() => run(chosen, 'accept')}>
                  {t('approvals.acceptSelected')}
                </Button>
                <Button size="xs" variant="default" color="red" onClick={() => run(chosen, 'cancel')}>
                  {t('approvals.cancelSelected')}
                </Button>
              </Group>
            )}
          </Group>
        </Paper>
      )}

      {pages.isPending && (
        <Center mih={200}>
          <Loader role="status" aria-label={t('approvals.loading')} />
        </Center>
      )}
      {pages.isError && (
        <Alert color="red" role="alert" title={t('list.loadError')}>
          {pages.error.message}
        </Alert>
      )}
      {pages.isSuccess && total === 0 && (
        <Alert color="gray" role="status" title={view.search || view.customerId ? t('approvals.noneMatchTitle') : t('approvals.noneTitle')}>
          {view.search || view.customerId ? t('approvals.noneMatch') : t('approvals.none')}
        </Alert>
      )}
      {total > 0 && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('approvals.waitingCount', { count: total, shown: formatNumber(total) })}
        </Text>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {orders.map((o) => (
          <Card key={o.id} withBorder radius="md" padding="md" component="article" aria-label={t('approvals.orderAria', { number: o.number })}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Checkbox aria-label={t('approvals.select', { number: o.number })} checked={selected.has(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} mt={4} />
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs">
                  <OrderLink to={orderPath(o.id)} returnLabel={t('approvals.title')} fw={700}>
                    {o.number}
                  </OrderLink>
                  <Badge color="#8f4700" variant="filled" style={{ textTransform: 'none' }}>
                    {t('approvals.waitingFor', { age: formatAge(o.orderedAt) })}
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
                  {t('approvals.placedBy', { date: formatDate(o.orderedAt, dateFormat), name: o.placedBy.name })}
                  {o.reference ? ` · ${t('approvals.ref', { reference: o.reference })}` : ''}
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
                      {formatNumber(l.quantity)} × {l.name}
                      {/* Staff words: only those who see cost read how the order is fulfilled. */}
                      {l.provisioning === 'manual' && o.totalCost !== undefined ? ' (manual)' : ''}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(l.amount, o.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {o.note && (
              <Text size="sm" mt="xs">
                <Text span fw={600}>
                  {t('order.note')}
                </Text>{' '}
                {o.note}
              </Text>
            )}
            <SimpleGrid cols={o.totalCost !== undefined ? 4 : 1} mt="sm" spacing="xs">
              <Money label={t('approvals.amount')} value={formatMoney(o.totalAmount, o.currency)} />
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
                  {DECISION_COPY.cancel.label}
                </Button>
              )}
              {o.abilities.accept && (
                <Button size="xs" onClick={() => run([o], 'accept')}>
                  {DECISION_COPY.accept.label}
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {pages.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {t('approvals.showMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The rule that made the order wait at this step, as the server words it. */
function WaitsBecause({ order, step }: { order: Order; step: keyof typeof QUEUES }) {
  const { t } = useTranslation('orders');
  const reason = order.approval?.[step];
  if (!reason) return null;
  return (
    <Text size="xs" c="#8f4700" fw={600}>
      {t('approvals.waitsBecause', { reason: approvalReasonText(reason, order.currency) })}
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
