import { useQuery } from '@tanstack/react-query';
import type { ResellerSummary } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { customerKeys } from './keys';

/** The distributor's resellers, for the grid's reseller filter. */
export function useResellerOptions(enabled: boolean) {
  return useQuery({
    queryKey: customerKeys.resellerOptions(),
    queryFn: ({ signal }) => apiRequest<{ items: ResellerSummary[] }>('/api/resellers', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
