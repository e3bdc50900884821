import { useQuery } from '@tanstack/react-query';
import type { ResellerSummary } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { resellerKeys } from './keys';

/** The distributor's resellers as choices for a filter (`enabled` for those who may list them). */
export function useResellerOptions(enabled: boolean) {
  return useQuery({
    queryKey: resellerKeys.options(),
    queryFn: ({ signal }) => apiRequest<{ items: ResellerSummary[] }>('/api/resellers/options', { signal }),
    enabled,
    staleTime: 5 * 60_000,
    select: (data) => data.items.map((r) => ({ value: r.id, label: r.name })),
  });
}
