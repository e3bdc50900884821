import { Button, Group, NumberInput, Popover, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CustomerDetail } from '@app/shared';
import { formatMoney } from '@/lib/format';
import { useSetApprovalRule } from '../api/mutations';

const WHEN = [
  { value: 'always', label: 'Every order' },
  { value: 'above', label: 'Above an amount' },
];

/**
 * While the customer's orders need approval: for every order, or from an order total on. The
 * amount is asked for in a small popover and saved with the rule.
 */
export function ApprovalRuleControl({ customer, disabled }: { customer: CustomerDetail; disabled: boolean }) {
  const { orderApproval: oa, currency } = customer;
  const save = useSetApprovalRule(customer.id);
  const [asking, setAsking] = useState(false);
  const [amount, setAmount] = useState<number | ''>(oa.aboveAmount ?? 1000);
  if (oa.customerMode === 'never' || oa.forcedByPaymentMethod) return null;

  const apply = (mode: 'always' | 'above', aboveAmount: number | null) =>
    save.mutate(
      { mode, aboveAmount },
      {
        onSuccess: () => {
          setAsking(false);
          notifications.show({
            color: 'green',
            message: mode === 'above' ? `Orders of ${customer.companyName} from ${formatMoney(aboveAmount!, currency)} on now need your approval.` : `Every order of ${customer.companyName} now needs your approval.`,
          });
        },
        onError: (err) => notifications.show({ color: 'red', title: 'Order approval was not changed', message: err.message }),
      },
    );

  const amountLabel = oa.customerMode === 'above' && oa.aboveAmount !== null ? `≥ ${formatMoney(oa.aboveAmount, currency)}` : 'Amount…';
  return (
    <Group gap={6} wrap="nowrap">
      <Select
        aria-label="Which orders need approval"
        size="xs"
        w={160}
        data={WHEN}
        value={oa.customerMode}
        allowDeselect={false}
        disabled={disabled || save.isPending}
        onChange={(v) => (v === 'above' ? setAsking(true) : v === 'always' && apply('always', null))}
      />
      {(oa.customerMode === 'above' || asking) && (
        // The popover hangs from the amount's button (a button may say it opens something; a group may not).
        <Popover opened={asking} onChange={setAsking} position="bottom-start" withArrow trapFocus>
          <Popover.Target>
            <Button size="compact-sm" variant="subtle" disabled={disabled} onClick={() => setAsking((o) => !o)} aria-label="Change the amount">
              {amountLabel}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (typeof amount === 'number' && amount > 0) apply('above', amount);
              }}
            >
              <Stack gap="xs" w={240}>
                <Text size="sm">Orders with a total at or above this amount wait for your approval.</Text>
                <NumberInput label={`Amount (${currency})`} min={0.01} decimalScale={2} thousandSeparator="," value={amount} onChange={(v) => setAmount(v === '' ? '' : Number(v))} data-autofocus />
                <Group justify="flex-end" gap="xs">
                  <Button size="xs" variant="default" onClick={() => setAsking(false)}>
                    Cancel
                  </Button>
                  <Button size="xs" type="submit" loading={save.isPending} disabled={!(typeof amount === 'number' && amount > 0)}>
                    Save
                  </Button>
                </Group>
              </Stack>
            </form>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
