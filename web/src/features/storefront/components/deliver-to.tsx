import { Radio, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from '@/lib/i18n';
import type { AddressKind, ShownAddress } from '@app/shared';
import { useDeliveryOptions } from '../api/delivery-options';

export const addressText = (a: ShownAddress) => [a.address, [a.postcode, a.city].filter(Boolean).join(' '), a.state, a.country].filter(Boolean).join(', ');

/**
 * Checkout's choice of where the order ships, among the customer's addresses; the preferred one
 * (its delivery address, else the main one) is chosen to begin with. With one address there is
 * nothing to choose: it is shown.
 */
export function DeliverTo({ customerId, value, onChange }: { customerId: string | null | undefined; value: AddressKind | undefined; onChange: (kind: AddressKind) => void }) {
  const { t } = useTranslation('catalogue');
  const options = useDeliveryOptions(customerId);
  const items = options.data?.items ?? [];
  const preferred = items.find((o) => o.preferred)?.kind;
  useEffect(() => {
    if (!value && preferred) onChange(preferred);
  }, [value, preferred, onChange]);
  if (items.length === 0) return null;
  if (items.length === 1) {
    return (
      <div>
        <Text size="sm" fw={600}>
          {t('shipsTo')}
        </Text>
        <Text size="sm">{addressText(items[0]!.address)}</Text>
      </div>
    );
  }
  return (
    <Radio.Group label={t('shipsTo')} value={value ?? null} onChange={(v) => onChange(v as AddressKind)}>
      <Stack gap="xs" mt={6}>
        {items.map((o) => (
          <Radio key={o.kind} value={o.kind} label={t(`addressKind.${o.kind}`)} description={addressText(o.address)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
