import { useQuery } from '@tanstack/react-query';
import type { ResellerDetail } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { resellerKeys } from './keys';

export function useReseller(id: string) {
  return useQuery({
    queryKey: resellerKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<ResellerDetail>(`/api/resellers/${encodeURIComponent(id)}`, { signal }),
  });
}
