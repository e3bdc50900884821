import { QUERY_ROOTS } from '@/lib/query-keys';

/** One key factory for the orders feature. */
export const orderKeys = {
  all: [QUERY_ROOTS.orders] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: object) => [...orderKeys.lists(), filters] as const,
  detail: (id: string) => [...orderKeys.all, 'detail', id] as const,
};
