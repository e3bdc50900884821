import { QUERY_ROOTS } from '@/lib/query-keys';

/** One key factory for the resellers feature. */
export const resellerKeys = {
  all: [QUERY_ROOTS.resellers] as const,
  options: () => [...resellerKeys.all, 'options'] as const,
  lists: () => [...resellerKeys.all, 'list'] as const,
  detail: (id: string) => [...resellerKeys.all, 'detail', id] as const,
  staff: (id: string) => [...resellerKeys.all, 'staff', id] as const,
};
