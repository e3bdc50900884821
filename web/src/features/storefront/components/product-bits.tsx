import { Badge, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBolt, IconInfoCircle, IconTool } from '@tabler/icons-react';
import { useTranslation } from '@/lib/i18n';
import type { CatalogueItem } from '@app/shared';
import { formatMoney, formatNumber } from '@/lib/format';

// The words say what the buyer gets, never who does it behind the reseller (catalogue.json: provisioning).
const PROVISIONING: Record<CatalogueItem['provisioning'], { color: string; icon: typeof IconBolt }> = {
  automatic: { color: 'teal.9', icon: IconBolt },
  // Mantine's orange shades are below AA contrast for small text on white; a darker burnt orange.
  manual: { color: '#a8440a', icon: IconTool },
};

// A badge's label may shrink to nothing in an auto-sized table column; keep the whole word.
const noTruncation = { label: { overflow: 'visible' } } as const;

export function BillingBadge({ billing }: { billing: CatalogueItem['billing'] }) {
  const { t } = useTranslation('catalogue');
  return (
    <Badge variant="light" color={billing === 'monthly' ? 'indigo' : 'gray'} tt="none" styles={noTruncation}>
      {t(`billing.${billing}`)}
    </Badge>
  );
}

/** The provisioning kind, explained in a tooltip that hover, keyboard focus and touch all open. */
export function ProvisioningBadge({ provisioning }: { provisioning: CatalogueItem['provisioning'] }) {
  const { t } = useTranslation('catalogue');
  const p = PROVISIONING[provisioning];
  const label = t(`provisioning.${provisioning}`);
  const explain = t(`provisioning.${provisioning}Explain`);
  return (
    <Tooltip label={explain} multiline w={240} withArrow events={{ hover: true, focus: true, touch: true }}>
      <UnstyledButton aria-label={t('provisioning.aria', { label, explain })} style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
        <Badge variant="outline" color={p.color} tt="none" leftSection={<p.icon size={12} aria-hidden />} rightSection={<IconInfoCircle size={12} aria-hidden />} style={{ cursor: 'help' }} styles={noTruncation}>
          {label}
        </Badge>
      </UnstyledButton>
    </Tooltip>
  );
}

/** The product's quantity breaks ("from 10: €5.40"), and the level its category is priced on. */
export function PriceBreaks({ item, currency, align = 'right' }: { item: Pick<CatalogueItem, 'breaks' | 'levelName'>; currency: string; align?: 'left' | 'right' }) {
  const { t } = useTranslation('catalogue');
  return (
    <Stack gap={0} align={align === 'right' ? 'flex-end' : 'flex-start'}>
      {item.breaks.map((b) => (
        <Text key={b.minQuantity} size="xs" c="teal.9" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {t('priceBreak', { min: formatNumber(b.minQuantity), price: formatMoney(b.unitPrice, currency) })}
        </Text>
      ))}
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('level', { name: item.levelName })}
      </Text>
    </Stack>
  );
}

/** A price in the catalogue's currency; monthly products say "per month" (beside it, or under it when `stacked`). */
export function Price({ amount, currency, billing, size = 'sm', fw = 600, stacked = false }: { amount: number; currency: string; billing: CatalogueItem['billing']; size?: string; fw?: number; stacked?: boolean }) {
  const { t } = useTranslation('catalogue');
  const parts = (
    <>
      <Text size={size} fw={fw} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {formatMoney(amount, currency)}
      </Text>
      {billing === 'monthly' && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('perMonth')}
        </Text>
      )}
    </>
  );
  return stacked ? (
    <Stack gap={0} align="flex-end">
      {parts}
    </Stack>
  ) : (
    <Group gap={4} wrap="nowrap" align="baseline" justify="flex-end">
      {parts}
    </Group>
  );
}
