import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditAction, AuditEventList } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { FIRST_PAGE_OF_VIEW, type PageRequest } from '@/lib/keyset-datasource';
import { auditKeys } from './keys';

/** The audit log's filters as the BFF takes them (instants for the time range). */
export interface AuditFilters {
  resellerId?: string | undefined;
  customerId?: string | undefined;
  targetId?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One page of the audit log (the grid's datasource asks block by block). */
export function getAuditEventPage(req: AuditFilters & PageRequest, signal?: AbortSignal): Promise<AuditEventList> {
  return apiRequest<AuditEventList>(`/api/audit-events${toQueryString({ ...req })}`, { signal });
}

/**
 * One object's own events, newest first, a page at a time (a record page's History). `version`
 * (the record's revision or status) is part of the key: a change made on the page shows at once.
 */
export function useObjectHistory(targetId: string, version: string | number, pageSize = 10) {
  return useInfiniteQuery({
    queryKey: auditKeys.history(targetId, version),
    queryFn: ({ pageParam, signal }) => getAuditEventPage({ targetId, sort: '-at', limit: pageSize, ...(pageParam ? { cursor: pageParam } : FIRST_PAGE_OF_VIEW) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** AuditLog.xlsx of the log's current view: its filters and sort, every event. */
export const auditExportUrl = (filters: AuditFilters, sort: string) => `/api/audit-events/export.xlsx${toQueryString({ ...filters, sort })}`;
