import { Badge } from '@mantine/core';
import { PAYMENT_METHOD_LABEL, type PaymentMethod, type ResellerStatus } from '@app/shared';

export function StatusBadge({ status }: { status: ResellerStatus }) {
  return status === 'suspended' ? (
    <Badge color="red.8" variant="filled" tt="none">
      Suspended
    </Badge>
  ) : (
    <Badge color="teal.9" variant="light" tt="none">
      Active
    </Badge>
  );
}

export function PaymentBadge({ method }: { method: PaymentMethod }) {
  return (
    <Badge color={method === 'credit_card' ? 'indigo.8' : 'gray.7'} variant="light" tt="none">
      {PAYMENT_METHOD_LABEL[method]}
    </Badge>
  );
}
