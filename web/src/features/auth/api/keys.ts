import { QUERY_ROOTS } from '@/lib/query-keys';

export const authKeys = {
  all: [QUERY_ROOTS.auth] as const,
  me: () => [...authKeys.all, 'me'] as const,
  linkStatus: (purpose: string, token: string) => [...authKeys.all, 'link-status', purpose, token] as const,
};
