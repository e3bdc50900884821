import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrderDetail, PlaceOrder } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

export function placeOrder(body: PlaceOrder): Promise<OrderDetail> {
  return apiRequest<OrderDetail>('/api/orders', { method: 'POST', body });
}

/**
 * Places the cart as one order. The caller passes the same submit key for every attempt at the
 * same review, so a double click or a retry after a lost answer makes one order.
 */
export function usePlaceOrder({ onPlaced }: { onPlaced: (order: OrderDetail) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: placeOrder,
    // Runs even if the screen that placed the order has gone: the cart must not outlive its order.
    onSuccess: (order) => {
      onPlaced(order);
      // The home counters count orders; the orders pages (another feature) refetch by their own root.
      void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.overview] });
    },
  });
}
