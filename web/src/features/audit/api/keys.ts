import { QUERY_ROOTS } from '@/lib/query-keys';

/** One key factory for the audit feature. */
export const auditKeys = {
  all: [QUERY_ROOTS.audit] as const,
  history: (targetId: string, version: string | number) => [...auditKeys.all, 'history', targetId, version] as const,
};
