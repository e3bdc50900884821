import { Button, Group, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CatalogueItem } from '@app/shared';
import { formatNumber } from '@/lib/format';
import { useCart } from '../cart/cart-context';
import { MAX_LINES, MAX_QUANTITY, MIN_QUANTITY } from '../cart/cart-store';

/** A quantity and "Add to cart" for one product; says what happened in a notification. */
export function AddToCart({ item, fullWidth = false }: { item: CatalogueItem; fullWidth?: boolean }) {
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
          message: outcome.kind === 'added' ? `${formatNumber(outcome.quantity)} × ${item.name} added to your cart.` : `Your cart now has ${formatNumber(outcome.quantity)} × ${item.name}.`,
        });
        setQuantity(1);
        break;
      case 'capped':
        notifications.show({ color: 'yellow', message: `At most ${formatNumber(MAX_QUANTITY)} of one product per order: your cart has ${formatNumber(outcome.quantity)} × ${item.name}.` });
        setQuantity(1);
        break;
      case 'full':
        notifications.show({ color: 'red', message: `An order holds at most ${MAX_LINES} products. Place this order first, or remove a product from the cart.` });
        break;
      case 'invalid':
        break;
    }
  };

  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end" w={fullWidth ? '100%' : undefined}>
      <NumberInput
        aria-label={`Quantity of ${item.name}`}
        value={quantity}
        onChange={setQuantity}
        min={MIN_QUANTITY}
        max={MAX_QUANTITY}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        thousandSeparator=","
        w={96}
        size="sm"
        error={quantity === '' ? true : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter') add();
        }}
      />
      <Button size="sm" leftSection={<IconShoppingCartPlus size={16} aria-hidden />} onClick={add} disabled={!valid} style={fullWidth ? { flex: 1 } : undefined}>
        Add to cart
      </Button>
    </Group>
  );
}
