/** One key factory for the customers feature (TkDodo's "Effective React Query Keys"). */
export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  stats: (resellerId?: string) => [...customerKeys.all, 'stats', resellerId ?? 'all'] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  resellerOptions: () => [...customerKeys.all, 'reseller-options'] as const,
};
