import { Group, Pagination, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { INVOICE_STATUSES, INVOICE_STATUS_LABEL, type Invoice, type InvoiceStatus } from '@app/shared';
import { useCustomerBalance, useInvoices } from '../api/invoices';
import { CreditNoteDialog, RecordPaymentDialog } from './invoice-dialogs';
import { InvoiceTable, money } from './invoice-table';

const PAGE = 25;
const STATUS_OPTIONS = INVOICE_STATUSES.map((s) => ({ value: s, label: INVOICE_STATUS_LABEL[s] }));

/** What the customer owes and how much of it is overdue. */
export function BalanceFacts({ customerId }: { customerId: string }) {
  const balance = useCustomerBalance(customerId);
  if (!balance.data) return null;
  const b = balance.data;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }}>
      <Stack gap={0}>
        <Text size="sm" c="dimmed">
          Balance
        </Text>
        <Text fw={600} size="lg">
          {money(b.balanceCents, b.currency)}
        </Text>
      </Stack>
      <Stack gap={0}>
        <Text size="sm" c="dimmed">
          Overdue
        </Text>
        <Text fw={600} size="lg" c={b.overdueCents > 0 ? 'red.8' : undefined}>
          {money(b.overdueCents, b.currency)}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

/**
 * Invoices and credit notes with a status filter and paging; for one customer (its record, the
 * storefront) or all in the caller's scope (staff's Invoices page, with the customer column).
 */
export function InvoicesPanel({ customerId, dateFormat }: { customerId?: string; dateFormat: string }) {
  const [status, setStatus] = useState<InvoiceStatus | null>(null);
  const [page, setPage] = useState(1);
  const invoices = useInvoices({ customerId, status: status ?? undefined, offset: (page - 1) * PAGE, limit: PAGE });
  const [paying, setPaying] = useState<Invoice | null>(null);
  const [crediting, setCrediting] = useState<Invoice | null>(null);
  const total = invoices.data?.total ?? 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Select
          aria-label="Status"
          placeholder="Any status"
          clearable
          w={200}
          data={STATUS_OPTIONS}
          value={status}
          onChange={(v) => {
            setStatus(v as InvoiceStatus | null);
            setPage(1);
          }}
        />
        <Text size="sm" c="dimmed">
          {invoices.isSuccess ? `${total} ${total === 1 ? 'document' : 'documents'}` : ''}
        </Text>
      </Group>
      {invoices.isError && (
        <Text c="red" role="alert">
          {invoices.error.message}
        </Text>
      )}
      {invoices.data && <InvoiceTable items={invoices.data.items} dateFormat={dateFormat} showCustomer={!customerId} onPay={setPaying} onCredit={setCrediting} />}
      {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
      {paying && <RecordPaymentDialog invoice={paying} onClose={() => setPaying(null)} />}
      {crediting && <CreditNoteDialog invoice={crediting} onClose={() => setCrediting(null)} />}
    </Stack>
  );
}
