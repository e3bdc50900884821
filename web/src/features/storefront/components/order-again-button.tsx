import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/i18n';
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
  const { t } = useTranslation('catalogue');
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
        title: t('orderAgain.added', { count: added, number: order.number }),
        message: gone.length > 0 ? `${t('orderAgain.atTodaysPrices')} ${t('orderAgain.gone', { names: gone.join(', ') })}` : t('orderAgain.atTodaysPrices'),
      });
    } catch (err) {
      notifications.show({ color: 'red', title: t('orderAgain.failed'), message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="light" leftSection={<IconRepeat size={16} aria-hidden />} loading={busy} onClick={() => void run()}>
      {t('orderAgain.button')}
    </Button>
  );
}
