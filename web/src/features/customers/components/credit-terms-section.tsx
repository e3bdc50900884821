import { Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { PAYMENT_TERMS, PAYMENT_TERMS_LABEL, type CustomerDetail, type PaymentTerms } from '@app/shared';
import { formatMoney } from '@/lib/format';
import { useSetCreditTerms } from '../api/mutations';

const TERM_OPTIONS = PAYMENT_TERMS.map((t) => ({ value: t, label: PAYMENT_TERMS_LABEL[t] }));
const percent = (bp: number) => `${(bp / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`;

/**
 * The customer's payment terms, credit limit and VAT rate, and for the reseller the way to change
 * them. `extra` is where the invoices feature shows balance and invoices (the app layer plugs it in).
 */
export function CreditTermsSection({ customer: c, extra }: { customer: CustomerDetail; extra?: ReactNode }) {
  const [opened, dialog] = useDisclosure(false);
  const t = c.creditTerms;
  return (
    <Paper withBorder p="lg" radius="md" id="credit" component="section" aria-labelledby="credit-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="credit-title">
          Terms and credit
        </Title>
        {c.abilities.setCreditTerms && (
          <Button size="compact-sm" variant="light" onClick={dialog.open}>
            Change terms
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Fact label="Payment terms" value={PAYMENT_TERMS_LABEL[t.paymentTerms]} />
        <Fact label="Credit limit" value={t.creditLimitCents === null ? 'No limit' : formatMoney(t.creditLimitCents / 100, c.currency)} />
        <Fact label="VAT rate" value={percent(t.vatRateBp)} />
      </SimpleGrid>
      {extra}
      {opened && <CreditTermsDialog customer={c} onClose={dialog.close} />}
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </Stack>
  );
}

function CreditTermsDialog({ customer: c, onClose }: { customer: CustomerDetail; onClose: () => void }) {
  const t = c.creditTerms;
  const [terms, setTerms] = useState<PaymentTerms>(t.paymentTerms);
  const [limited, setLimited] = useState(t.creditLimitCents !== null);
  const [limit, setLimit] = useState<number | ''>(t.creditLimitCents === null ? 5000 : t.creditLimitCents / 100);
  const [vat, setVat] = useState<number | ''>(t.vatRateBp / 100);
  const save = useSetCreditTerms(c.id);
  const submit = () =>
    save.mutate(
      {
        paymentTerms: terms,
        creditLimitCents: limited ? Math.round(Number(limit) * 100) : null,
        vatRateBp: Math.round(Number(vat) * 100),
        revision: c.revision,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Terms of ${c.companyName} saved.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Terms and credit">
      <Stack>
        <Select label="Payment terms" data={TERM_OPTIONS} value={terms} allowDeselect={false} onChange={(v) => v && setTerms(v as PaymentTerms)} data-autofocus />
        <Switch label="Limit the credit" checked={limited} onChange={(e) => setLimited(e.currentTarget.checked)} />
        {limited && (
          <NumberInput
            label={`Credit limit (${c.currency})`}
            description="Orders that would take the open balance over it wait for your approval."
            min={0}
            decimalScale={2}
            value={limit}
            onChange={(v) => setLimit(typeof v === 'number' ? v : '')}
          />
        )}
        <NumberInput label="VAT rate (%)" min={0} max={100} decimalScale={2} value={vat} onChange={(v) => setVat(typeof v === 'number' ? v : '')} />
        {save.error && (
          <Text c="red" size="sm" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={vat === '' || (limited && limit === '')}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
