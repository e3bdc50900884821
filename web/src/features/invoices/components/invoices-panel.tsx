import { Alert, Button, Group, Loader, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState, type ReactNode } from 'react';
import { INVOICE_OVERDUE_DAYS, INVOICE_STATUSES, type Invoice, type InvoiceStatus } from '@app/shared';
import { useTranslation } from '@/lib/i18n';
import { DayRangeInputs } from '@/components/day-range-inputs';
import { ExportButton } from '@/components/export-button';
import { useCustomerBalance, useInvoicePages, invoiceExportUrl, type InvoiceFilters } from '../api/invoices';
import { CreditNoteDialog, RecordPaymentDialog } from './invoice-dialogs';
import { InvoiceCards, InvoiceTable, money } from './invoice-table';

/** What the customer owes and how much of it is overdue. */
export function BalanceFacts({ customerId }: { customerId: string }) {
  const { t } = useTranslation('invoices');
  const balance = useCustomerBalance(customerId);
  if (balance.isPending) return <Loader size="sm" role="status" aria-label={t('balance.loading')} />;
  if (!balance.data) return null;
  const b = balance.data;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }}>
      <Stack gap={0} role="group" aria-label={t('balance.label')}>
        <Text size="sm" c="dimmed">
          {t('balance.label')}
        </Text>
        <Text fw={600} size="lg">
          {money(b.balanceCents, b.currency)}
        </Text>
      </Stack>
      <Stack gap={0} role="group" aria-label={t('balance.overdue')}>
        <Text size="sm" c="dimmed">
          {t('balance.overdue')}
        </Text>
        <Text fw={600} size="lg" c={b.overdueCents > 0 ? 'red.8' : undefined}>
          {money(b.overdueCents, b.currency)}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

export interface InvoicesPanelProps {
  /** One customer's documents (its record, the storefront); otherwise every one in the caller's scope. */
  customerId?: string | undefined;
  dateFormat: string;
  /** The filters, when the page keeps them (in its URL); the panel keeps its own otherwise. */
  view?: InvoiceFilters;
  onViewChange?: (change: Partial<InvoiceFilters>) => void;
  /** A customer picker for the filters (staff's page across customers; features do not import each other). */
  customerFilter?: ((p: { value: string | null; onChange: (id: string | null) => void }) => ReactNode) | undefined;
  /** Offer Invoices.xlsx of the view (the principal's `exportInvoices` ability). */
  canExport?: boolean;
}

/**
 * Invoices and credit notes of a view — filters status, overdue, customer and issue days — paged
 * by the server's cursor ("Show more"), with Export of the same view. A table on a desk, one card
 * per document on a phone.
 */
export function InvoicesPanel({ customerId, dateFormat, view: given, onViewChange, customerFilter, canExport = false }: InvoicesPanelProps) {
  const { t } = useTranslation('invoices');
  const statusOptions = useMemo(() => INVOICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), [t]);
  const overdueOptions = useMemo(() => INVOICE_OVERDUE_DAYS.map((d) => ({ value: String(d), label: d === 0 ? t('list.overdueAny') : t('list.overdueOver', { days: d }) })), [t]);
  const [own, setOwn] = useState<InvoiceFilters>({});
  const filters = given ?? own;
  const change = onViewChange ?? ((c: Partial<InvoiceFilters>) => setOwn((v) => ({ ...v, ...c })));
  const view: InvoiceFilters = { ...filters, ...(customerId ? { customerId } : {}) };
  const pages = useInvoicePages(view);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const [paying, setPaying] = useState<Invoice | null>(null);
  const [crediting, setCrediting] = useState<Invoice | null>(null);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const filtered = Boolean(filters.status || filters.overdueDays !== undefined || filters.from || filters.to || (!customerId && filters.customerId));
  const list = { items, dateFormat, showCustomer: !customerId, onPay: setPaying, onCredit: setCrediting };
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap" gap="sm">
        {!customerId && customerFilter?.({ value: filters.customerId ?? null, onChange: (id) => change({ customerId: id ?? undefined }) })}
        <Select
          label={t('list.status')}
          placeholder={t('list.anyStatus')}
          clearable
          w={{ base: 'calc(50% - 6px)', xs: 170 }}
          data={statusOptions}
          value={filters.status ?? null}
          onChange={(v) => change({ status: (v as InvoiceStatus | null) ?? undefined })}
        />
        <Select
          label={t('balance.overdue')}
          placeholder={t('list.any')}
          clearable
          w={{ base: 'calc(50% - 6px)', xs: 190 }}
          data={overdueOptions}
          value={filters.overdueDays === undefined ? null : String(filters.overdueDays)}
          onChange={(v) => change({ overdueDays: v === null ? undefined : Number(v) })}
        />
        <DayRangeInputs from={filters.from ?? ''} to={filters.to ?? ''} dateFormat={dateFormat} width={150} words={{ from: t('statement.from'), to: t('statement.to'), clear: (label) => t('statement.clear', { label }) }} onChange={(r) => change({ ...(r.from !== undefined ? { from: r.from || undefined } : {}), ...(r.to !== undefined ? { to: r.to || undefined } : {}) })} />
        {canExport && <ExportButton url={invoiceExportUrl(view)} />}
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {pages.isSuccess ? t('list.documents', { count: total }) : ''}
      </Text>
      {pages.isError && (
        <Alert color="red" role="alert">
          {pages.error.message}
        </Alert>
      )}
      {pages.isSuccess && items.length === 0 && <Text c="dimmed">{filtered ? t('list.noMatch') : t('list.empty')}</Text>}
      {items.length > 0 && (phone ? <InvoiceCards {...list} /> : <InvoiceTable {...list} />)}
      {pages.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {t('list.showMore', { shown: items.length, total })}
          </Button>
        </Group>
      )}
      {paying && <RecordPaymentDialog invoice={paying} onClose={() => setPaying(null)} />}
      {crediting && <CreditNoteDialog invoice={crediting} onClose={() => setCrediting(null)} />}
    </Stack>
  );
}
