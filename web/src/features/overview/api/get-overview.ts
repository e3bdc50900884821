import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Overview } from '@app/shared';
import { apiRequest } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

export const overviewKeys = { all: [QUERY_ROOTS.overview] as const };

export const overviewQueryOptions = () =>
  queryOptions({ queryKey: overviewKeys.all, queryFn: ({ signal }) => apiRequest<Overview>('/api/overview', { signal }) });

export function useOverview() {
  return useQuery(overviewQueryOptions());
}
