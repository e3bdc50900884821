import { useQuery } from '@tanstack/react-query';
import type { OrderDetail } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { orderKeys } from './keys';

export const orderPath = (id: string) => `/api/orders/${encodeURIComponent(id)}`;

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: ({ signal }) => apiRequest<OrderDetail>(orderPath(id), { signal }) });
}
