import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import type { Invoice, InvoiceStatus } from '@app/shared';
import { formatDate, formatMoney } from '@/lib/format';
import { useTranslation } from '@/lib/i18n';
import { invoicePdfUrl } from '../api/invoices';

const STATUS_COLOR: Record<InvoiceStatus, string> = { open: 'blue.8', partly_paid: 'yellow.9', paid: 'teal.9', overdue: 'red.8', credited: 'gray.7' };

export const money = (cents: number, currency: string) => formatMoney(cents / 100, currency);

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('invoices');
  if (!invoice.status) return <Badge color="grape.9">{t('status.creditNote')}</Badge>;
  return <Badge color={STATUS_COLOR[invoice.status]}>{t(`status.${invoice.status}`)}</Badge>;
}

/** What a document is for, in the reader's language: the invoice it credits, the month of subscriptions, or its order. */
function useInvoiceReference(): (i: Invoice) => string {
  const { t, i18n } = useTranslation('invoices');
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (i) => {
    if (i.kind === 'credit_note') return t('table.credits', { number: i.invoiceNumber ?? '' });
    if (i.billingMonth) return t('table.subscriptions', { month: month.format(new Date(`${i.billingMonth}-01T00:00:00Z`)) });
    return i.orderNumber ? t('table.order', { number: i.orderNumber }) : '';
  };
}

interface ListProps {
  items: Invoice[];
  dateFormat: string;
  showCustomer?: boolean;
  onCredit?: (i: Invoice) => void;
  onPay?: (i: Invoice) => void;
}

/** Whoever sees a document may download its PDF (the same rule reads both); named after its number for screen readers. */
function RowActions({ invoice: i, onCredit, onPay }: { invoice: Invoice } & Pick<ListProps, 'onCredit' | 'onPay'>) {
  const { t } = useTranslation(['invoices', 'common']);
  return (
    <>
      <Button
        component="a"
        href={invoicePdfUrl(i.id)}
        download
        size="compact-xs"
        variant="default"
        leftSection={<IconFileTypePdf size={14} aria-hidden />}
        aria-label={t('common:invoiceDocument.downloadPdfOf', { number: i.number })}
      >
        {t('common:invoiceDocument.pdf')}
      </Button>
      {onPay && i.abilities.recordPayment && (
        <Button size="compact-xs" variant="light" onClick={() => onPay(i)}>
          {t('table.recordPayment')}
        </Button>
      )}
      {onCredit && i.abilities.credit && (
        <Button size="compact-xs" variant="subtle" onClick={() => onCredit(i)}>
          {t('table.creditNote')}
        </Button>
      )}
    </>
  );
}

/** On a phone: one card per document, everything readable without scrolling sideways. */
export function InvoiceCards({ items, dateFormat, showCustomer, onCredit, onPay }: ListProps) {
  const { t } = useTranslation('invoices');
  const invoiceReference = useInvoiceReference();
  return (
    <Stack gap="xs" role="list" aria-label={t('page.title')}>
      {items.map((i) => (
        <Paper key={i.id} withBorder p="sm" role="listitem">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600} size="sm">
                {i.number}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {invoiceReference(i)}
              </Text>
            </Stack>
            <InvoiceStatusBadge invoice={i} />
          </Group>
          {showCustomer && (
            <Text size="sm" mt={4} truncate>
              {i.customerName}
            </Text>
          )}
          <Group justify="space-between" mt={6} wrap="nowrap" align="flex-end">
            <Text size="xs" c="dimmed">
              {t('cards.issued', { date: formatDate(i.issuedAt, dateFormat) })}
              {i.dueAt ? ` · ${t('cards.due', { date: formatDate(i.dueAt, dateFormat) })}` : ''}
            </Text>
            <Stack gap={0} align="flex-end">
              <Text size="sm" fw={600}>
                {money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents, i.currency)}
              </Text>
              {i.kind === 'invoice' && i.balanceCents > 0 && i.balanceCents !== i.totalCents && (
                <Text size="xs" c="dimmed">
                  {t('cards.openAmount', { amount: money(i.balanceCents, i.currency) })}
                </Text>
              )}
            </Stack>
          </Group>
          <Group gap={4} mt={6}>
            <RowActions invoice={i} onPay={onPay} onCredit={onCredit} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/**
 * Invoices and credit notes as a table: number, dates, status, total and what is open. The actions
 * shown follow each row's abilities (the server decides them); the PDF is every reader's.
 */
export function InvoiceTable({ items, dateFormat, showCustomer, onCredit, onPay }: ListProps) {
  const { t } = useTranslation('invoices');
  const invoiceReference = useInvoiceReference();
  if (items.length === 0) return <Text c="dimmed">{t('list.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.number')}</Table.Th>
            {showCustomer && <Table.Th>{t('table.customer')}</Table.Th>}
            <Table.Th>{t('table.issued')}</Table.Th>
            <Table.Th>{t('table.due')}</Table.Th>
            <Table.Th>{t('table.status')}</Table.Th>
            <Table.Th ta="right">{t('table.total')}</Table.Th>
            <Table.Th ta="right">{t('table.open')}</Table.Th>
            <Table.Th aria-label={t('table.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {i.number}
                </Text>
                <Text size="xs" c="dimmed">
                  {invoiceReference(i)}
                </Text>
              </Table.Td>
              {showCustomer && <Table.Td>{i.customerName}</Table.Td>}
              <Table.Td>{formatDate(i.issuedAt, dateFormat)}</Table.Td>
              <Table.Td>{i.dueAt ? formatDate(i.dueAt, dateFormat) : t('table.none')}</Table.Td>
              <Table.Td>
                <InvoiceStatusBadge invoice={i} />
              </Table.Td>
              <Table.Td ta="right">{money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents, i.currency)}</Table.Td>
              <Table.Td ta="right">{i.kind === 'invoice' ? money(i.balanceCents, i.currency) : t('table.none')}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <RowActions invoice={i} onPay={onPay} onCredit={onCredit} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
