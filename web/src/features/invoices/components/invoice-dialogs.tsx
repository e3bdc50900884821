import { Button, Checkbox, Group, Modal, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Invoice } from '@app/shared';
import { useCreateCreditNote, useRecordPayment } from '../api/invoices';
import { money } from './invoice-table';

const today = () => new Date().toISOString().slice(0, 10);

/** Records a payment received against one invoice (the API takes several; the record pays one at a time). */
export function RecordPaymentDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const [amount, setAmount] = useState<number | ''>(invoice.balanceCents / 100);
  const [receivedOn, setReceivedOn] = useState(today());
  const [reference, setReference] = useState('');
  const pay = useRecordPayment();
  const cents = typeof amount === 'number' ? Math.round(amount * 100) : 0;
  const submit = () =>
    pay.mutate(
      { customerId: invoice.customerId, receivedOn, reference, allocations: [{ invoiceId: invoice.id, amountCents: cents }] },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Payment of ${money(cents, invoice.currency)} recorded on ${invoice.number}.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`Record a payment on ${invoice.number}`}>
      <Stack>
        <Text size="sm">Open on this invoice: {money(invoice.balanceCents, invoice.currency)}</Text>
        <NumberInput label={`Amount (${invoice.currency})`} min={0.01} max={invoice.balanceCents / 100} decimalScale={2} value={amount} onChange={(v) => setAmount(typeof v === 'number' ? v : '')} data-autofocus />
        <TextInput label="Received on" type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} />
        <TextInput label="Reference" description="The bank transfer's reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        {pay.error && (
          <Text c="red" size="sm" role="alert">
            {pay.error.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={pay.isPending} disabled={cents <= 0 || cents > invoice.balanceCents || reference.trim() === '' || !receivedOn}>
            Record payment
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Issues a credit note for the lines chosen (all not yet credited by default). */
export function CreditNoteDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const open = invoice.lines.map((_, n) => n).filter((n) => !invoice.creditedLines.includes(n));
  const [chosen, setChosen] = useState<number[]>(open);
  const [reason, setReason] = useState('');
  const credit = useCreateCreditNote(invoice.id);
  const total = chosen.reduce((s, n) => s + invoice.lines[n]!.grossCents, 0);
  const submit = () =>
    credit.mutate(
      { lines: chosen.length === open.length ? null : chosen, reason },
      {
        onSuccess: (cn) => {
          notifications.show({ color: 'green', message: `Credit note ${cn.number} issued for ${money(cn.totalCents, cn.currency)}.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={`Credit note for ${invoice.number}`} size="lg">
      <Stack>
        <Text size="sm">The invoice stays as issued; the credit note reverses the lines chosen, each at most once.</Text>
        {invoice.lines.map((l, n) => (
          <Checkbox
            key={n}
            disabled={!open.includes(n)}
            checked={chosen.includes(n)}
            onChange={(e) => setChosen((c) => (e.currentTarget.checked ? [...c, n].sort((a, b) => a - b) : c.filter((x) => x !== n)))}
            label={`${l.quantity} × ${l.name} — ${money(l.grossCents, invoice.currency)}${open.includes(n) ? '' : ' (credited)'}`}
          />
        ))}
        <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
        {credit.error && (
          <Text c="red" size="sm" role="alert">
            {credit.error.message}
          </Text>
        )}
        <Group justify="space-between">
          <Text fw={500}>Credit: {money(total, invoice.currency)}</Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" onClick={submit} loading={credit.isPending} disabled={chosen.length === 0 || reason.trim() === ''}>
              Issue credit note
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
