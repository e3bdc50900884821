import { Badge, type MantineSize } from '@mantine/core';
import { useTranslation } from '@/lib/i18n';
import type { OrderStatus } from '@app/shared';

// Dark shades: readable white text (axe checks contrast).
const COLOR: Record<OrderStatus, string> = { pending_company_approval: 'violet.9', pending_approval: '#8f4700', in_progress: 'blue.8', executed: 'teal.9', canceled: 'gray.7' };

export function OrderStatusBadge({ status, size }: { status: OrderStatus; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="filled" radius="sm" size={size} style={{ textTransform: 'none', flexShrink: 0 }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
