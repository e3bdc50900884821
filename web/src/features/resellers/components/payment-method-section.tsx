import { Alert, Button, Group, Modal, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { CREDIT_CARD_CONSEQUENCE, PAYMENT_METHOD_LABEL, type PaymentMethod, type ResellerDetail } from '@app/shared';
import { useSetPaymentMethod } from '../api/mutations';
import { PaymentLabel } from './reseller-badges';

const METHODS = Object.keys(PAYMENT_METHOD_LABEL) as PaymentMethod[];

/** What a switch means for the reseller's customers, in words (rule 1). */
function consequence(from: PaymentMethod, to: PaymentMethod): string {
  if (to === 'credit_card') return `${CREDIT_CARD_CONSEQUENCE} The reseller cannot switch approval off for any of them while it pays by credit card.`;
  if (from === 'credit_card') return "Approval is no longer forced: each customer's own approval setting applies again, and the reseller may switch it per customer.";
  return "Nothing changes for the reseller's customers: each one's own approval setting still applies.";
}

/** The payment method, changed by the distributor behind a confirmation that says what follows. */
export function PaymentMethodSection({ reseller }: { reseller: ResellerDetail }) {
  const [opened, modal] = useDisclosure(false);
  const [choice, setChoice] = useState<PaymentMethod>(reseller.paymentMethod);
  const change = useSetPaymentMethod(reseller.id);
  const open = () => {
    setChoice(reseller.paymentMethod === 'credit_card' ? 'cash' : 'credit_card');
    change.reset();
    modal.open();
  };
  const confirm = () =>
    change.mutate(
      { paymentMethod: choice, revision: reseller.revision },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: `${r.name} now pays by ${PAYMENT_METHOD_LABEL[r.paymentMethod].toLowerCase()}.` });
          modal.close();
        },
      },
    );

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="payment-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="payment-title">
            Payment method
          </Title>
          {reseller.abilities.setPaymentMethod && (
            <Button variant="light" onClick={open}>
              Change payment method
            </Button>
          )}
        </Group>
        <Text>
          Pays by <PaymentLabel method={reseller.paymentMethod} />
        </Text>
        {reseller.approvalRequiredForAll && (
          <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} role="note" data-testid="reseller-approval-notice">
            Every order of every customer of {reseller.name} needs its approval, because it pays by credit card.
          </Alert>
        )}
      </Stack>

      <Modal opened={opened} onClose={modal.close} title={`Payment method of ${reseller.name}`}>
        <Stack>
          <Radio.Group label="Pays by" value={choice} onChange={(v) => setChoice(v as PaymentMethod)}>
            <Stack gap="xs" mt={6}>
              {METHODS.map((m) => (
                <Radio key={m} value={m} label={`${PAYMENT_METHOD_LABEL[m]}${m === reseller.paymentMethod ? ' (current)' : ''}`} />
              ))}
            </Stack>
          </Radio.Group>
          {choice !== reseller.paymentMethod && (
            <Alert color={choice === 'credit_card' ? 'yellow' : 'blue'} icon={<IconInfoCircle aria-hidden />} data-testid="payment-consequence">
              {consequence(reseller.paymentMethod, choice)}
            </Alert>
          )}
          {change.error && (
            <Alert color="red" role="alert">
              {change.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button onClick={confirm} loading={change.isPending} disabled={choice === reseller.paymentMethod}>
              Switch to {PAYMENT_METHOD_LABEL[choice].toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
