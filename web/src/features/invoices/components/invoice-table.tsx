import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { INVOICE_STATUS_LABEL, type Invoice, type InvoiceStatus } from '@app/shared';
import { formatDate, formatMoney } from '@/lib/format';

const STATUS_COLOR: Record<InvoiceStatus, string> = { open: 'blue.8', partly_paid: 'yellow.9', paid: 'teal.9', overdue: 'red.8', credited: 'gray.7' };

export const money = (cents: number, currency: string) => formatMoney(cents / 100, currency);

export function InvoiceStatusBadge({ invoice }: { invoice: Invoice }) {
  if (!invoice.status) return <Badge color="grape.9">Credit note</Badge>;
  return <Badge color={STATUS_COLOR[invoice.status]}>{INVOICE_STATUS_LABEL[invoice.status]}</Badge>;
}

/**
 * Invoices and credit notes as a table: number, dates, status, total and what is open. The actions
 * shown follow each row's abilities (the server decides them).
 */
export function InvoiceTable({
  items,
  dateFormat,
  showCustomer,
  onCredit,
  onPay,
}: {
  items: Invoice[];
  dateFormat: string;
  showCustomer?: boolean;
  onCredit?: (i: Invoice) => void;
  onPay?: (i: Invoice) => void;
}) {
  if (items.length === 0) return <Text c="dimmed">No invoices yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            {showCustomer && <Table.Th>Customer</Table.Th>}
            <Table.Th>Issued</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            {(onCredit || onPay) && <Table.Th aria-label="Actions" />}
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
                  {i.kind === 'credit_note' ? `Credits ${i.invoiceNumber}` : i.orderNumber ? `Order ${i.orderNumber}` : ''}
                </Text>
              </Table.Td>
              {showCustomer && <Table.Td>{i.customerName}</Table.Td>}
              <Table.Td>{formatDate(i.issuedAt, dateFormat)}</Table.Td>
              <Table.Td>{i.dueAt ? formatDate(i.dueAt, dateFormat) : '—'}</Table.Td>
              <Table.Td>
                <InvoiceStatusBadge invoice={i} />
              </Table.Td>
              <Table.Td ta="right">{money(i.kind === 'credit_note' ? -i.totalCents : i.totalCents, i.currency)}</Table.Td>
              <Table.Td ta="right">{i.kind === 'invoice' ? money(i.balanceCents, i.currency) : '—'}</Table.Td>
              {(onCredit || onPay) && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {onPay && i.abilities.recordPayment && (
                      <Button size="compact-xs" variant="light" onClick={() => onPay(i)}>
                        Record payment
                      </Button>
                    )}
                    {onCredit && i.abilities.credit && (
                      <Button size="compact-xs" variant="subtle" onClick={() => onCredit(i)}>
                        Credit note
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
