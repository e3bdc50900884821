import { useMutation, useQueryClient } from '@tanstack/react-query';
import { normaliseTrackingNumber, type AddTracking, type BulkOrderDecisionResult, type OrderDecision, type OrderDetail } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';
import { orderPath } from './get-order';
import { orderKeys } from './keys';

/** A decision changes the order, the counts in the navigation and maybe a customer's run rate. */
function useRefreshAfterDecision() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: orderKeys.all });
    void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.overview] });
    void queryClient.invalidateQueries({ queryKey: [QUERY_ROOTS.customers] });
  };
}

export function useDecideOrder() {
  const queryClient = useQueryClient();
  const refresh = useRefreshAfterDecision();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: OrderDecision; note?: string }) =>
      apiRequest<OrderDetail>(`${orderPath(id)}/${decision}`, { method: 'POST', body: note ? { note } : {} }),
    onSuccess: (order) => queryClient.setQueryData(orderKeys.detail(order.id), order),
    onSettled: refresh,
  });
}

export function useDecideOrders() {
  const refresh = useRefreshAfterDecision();
  return useMutation({
    mutationFn: (body: { ids: string[]; decision: OrderDecision; note?: string }) =>
      apiRequest<BulkOrderDecisionResult>('/api/orders/decisions', { method: 'POST', body }),
    onSettled: refresh,
  });
}

/** Adds a parcel's tracking number; the order page shows the server's answer at once. */
/** Takes a parcel off the order by its number as stored (upper case, no spaces or dashes). */
export function useRemoveTracking(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (number: string) => apiRequest<OrderDetail>(`${orderPath(id)}/tracking/${encodeURIComponent(normaliseTrackingNumber(number))}`, { method: 'DELETE' }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
    },
  });
}

export function useAddTracking(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddTracking) => apiRequest<OrderDetail>(`${orderPath(id)}/tracking`, { method: 'POST', body }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
    },
  });
}
