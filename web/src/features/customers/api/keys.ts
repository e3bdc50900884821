import { QUERY_ROOTS } from '@/lib/query-keys';

/** One key factory for the customers feature (TkDodo's "Effective React Query Keys"). */
export const customerKeys = {
  all: [QUERY_ROOTS.customers] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  allStats: () => [...customerKeys.all, 'stats'] as const,
  stats: (resellerId?: string) => [...customerKeys.allStats(), resellerId ?? 'all'] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
};
