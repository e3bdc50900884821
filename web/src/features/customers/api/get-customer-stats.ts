import { useQuery } from '@tanstack/react-query';
import type { CustomerStats } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { customerKeys } from './keys';

export function useCustomerStats(resellerId?: string) {
  return useQuery({
    queryKey: customerKeys.stats(resellerId),
    queryFn: ({ signal }) => apiRequest<CustomerStats>(`/api/customers/stats${toQueryString({ resellerId })}`, { signal }),
  });
}
