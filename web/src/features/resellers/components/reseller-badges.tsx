import { Badge, Text } from '@mantine/core';
import { PAYMENT_METHOD_LABEL, type PaymentMethod, type ResellerStatus } from '@app/shared';

/** A suspended reseller stands out (filled, like an inactive customer); an active one is plain text. */
export function StatusBadge({ status, plain = false }: { status: ResellerStatus; plain?: boolean }) {
  if (status === 'suspended') {
    return (
      <Badge color="red.9" variant="filled" tt="none">
        Suspended
      </Badge>
    );
  }
  return plain ? (
    <Text span size="sm">
      Active
    </Text>
  ) : (
    <Badge color="teal.9" tt="none">
      Active
    </Badge>
  );
}

export function PaymentLabel({ method }: { method: PaymentMethod }) {
  return (
    <Text span inherit fw={method === 'credit_card' ? 600 : undefined}>
      {PAYMENT_METHOD_LABEL[method]}
    </Text>
  );
}
