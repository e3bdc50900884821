import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Order } from '@app/shared';
import { getCatalogue } from '../api/get-catalogue';
import { catalogueKeys } from '../api/keys';
import { useCart } from '../cart/cart-context';

const FULL = { search: '', category: '', customerId: undefined } as const;

/**
 * "Order again": the order's products and quantities into the cart, at today's prices (the cart
 * shows the catalogue's, the server prices the order again). Products no longer offered are named.
 */
export function OrderAgainButton({ order }: { order: Pick<Order, 'number' | 'lines'> }) {
  const { store } = useCart();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const catalogue = await queryClient.fetchQuery({ queryKey: catalogueKeys.list(FULL), queryFn: ({ signal }) => getCatalogue(FULL, signal), staleTime: 0 });
      const byId = new Map(catalogue.items.map((i) => [i.id, i]));
      const gone = order.lines.filter((l) => !byId.has(l.productId)).map((l) => l.name);
      let added = 0;
      for (const l of order.lines) {
        const item = byId.get(l.productId);
        if (item && ['added', 'merged', 'capped'].includes(store.add(item, l.quantity).kind)) added++;
      }
      notifications.show({
        color: gone.length > 0 ? 'yellow' : 'green',
        title: `${added} product${added === 1 ? '' : 's'} of order ${order.number} added to your cart`,
        message: `At today’s prices; review the cart to order.${gone.length > 0 ? ` No longer offered: ${gone.join(', ')}.` : ''}`,
      });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Nothing was added', message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="light" leftSection={<IconRepeat size={16} aria-hidden />} loading={busy} onClick={() => void run()}>
      Order again
    </Button>
  );
}
