import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Overview } from '@app/shared';
import { apiRequestIfChanged } from '@/lib/api-client';
import { QUERY_ROOTS } from '@/lib/query-keys';

export const overviewKeys = { all: [QUERY_ROOTS.overview] as const };

export const overviewQueryOptions = () =>
  // Polled every few seconds by every staff page: sent with the last answer's ETag, answered 304 while nothing changed.
  queryOptions({ queryKey: overviewKeys.all, queryFn: ({ signal }) => apiRequestIfChanged<Overview>('/api/overview', { signal }) });

export function useOverview() {
  return useQuery(overviewQueryOptions());
}

/**
 * The counts kept fresh for the navigation: polled, so a change made in another browser (or by
 * another BFF process) shows within seconds, read from the figures the database keeps each time
 * (a key lookup; 304 while unchanged).
 */
export const LIVE_COUNTS_INTERVAL_MS = 4000;
export function useLiveOverview() {
  return useQuery({ ...overviewQueryOptions(), refetchInterval: LIVE_COUNTS_INTERVAL_MS });
}
