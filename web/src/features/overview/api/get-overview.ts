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

/**
 * The counts kept fresh for the navigation: polled, so a change made in another browser (or by
 * another BFF process) shows within seconds, read from the database each time.
 */
export const LIVE_COUNTS_INTERVAL_MS = 4000;
export function useLiveOverview() {
  return useQuery({ ...overviewQueryOptions(), refetchInterval: LIVE_COUNTS_INTERVAL_MS });
}
