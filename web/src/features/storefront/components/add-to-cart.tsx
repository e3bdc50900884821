import { Button, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from '@/lib/i18n';
import type { CatalogueItem } from '@app/shared';
import { formatNumber, numberSeparators } from '@/lib/format';
import { useCart } from '../cart/cart-context';
import { MAX_LINES, MAX_QUANTITY, MIN_QUANTITY } from '../cart/cart-store';

/** A quantity and "Add to cart" for one product; says what happened in a notification. */
export function AddToCart({ item, fullWidth = false }: { item: CatalogueItem; fullWidth?: boolean }) {
  const { t } = useTranslation('catalogue');
  const { store } = useCart();
  const [quantity, setQuantity] = useState<number | string>(1);
  const valid = typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= MIN_QUANTITY && quantity <= MAX_QUANTITY;

  const add = () => {
    if (!valid) return;
    const outcome = store.add(item, quantity);
    switch (outcome.kind) {
      case 'added':
      case 'merged':
        notifications.show({
          color: 'green',
          message: t(outcome.kind === 'added' ? 'add.added' : 'add.merged', { quantity: formatNumber(outcome.quantity), name: item.name }),
        });
        setQuantity(1);
        break;
      case 'capped':
        notifications.show({ color: 'yellow', message: t('add.capped', { max: formatNumber(MAX_QUANTITY), quantity: formatNumber(outcome.quantity), name: item.name }) });
        setQuantity(1);
        break;
      case 'full':
        notifications.show({ color: 'red', message: t('add.full', { max: MAX_LINES }) });
        break;
      case 'invalid':
        break;
    }
  };

  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end" w={fullWidth ? '100%' : undefined}>
      <NumberInput
        aria-label={t('add.quantityOf', { name: item.name })}
        value={quantity}
        onChange={setQuantity}
        min={MIN_QUANTITY}
        max={MAX_QUANTITY}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        {...numberSeparators()}
        w={96}
        size="sm"
        error={quantity === '' ? true : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter') add();
        }}
      />
      <Button size="sm" leftSection={<IconShoppingCartPlus size={16} aria-hidden />} onClick={add} disabled={!valid} style={fullWidth ? { flex: 1 } : undefined}>
        {t('add.button')}
      </Button>
    </Group>
  );
}
