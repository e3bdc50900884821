import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, type AuditAction } from '@app/shared';
import { DAY, localDayStart } from '@/lib/local-day';
import type { AuditFilters } from '../api/get-audit-events';

/** The URL parameters of the audit log; `paths.auditLog(area, { customer: id })` opens it on one. */
export const AUDIT_URL_PARAMS = { reseller: 'reseller', customer: 'customer', actor: 'actor', action: 'action', from: 'from', to: 'to', sort: 'sort' } as const;
type Param = keyof typeof AUDIT_URL_PARAMS;

/**
 * The audit log's filters and sort live in the URL, so reload, back/forward and a shared link show
 * the same view. Days are the viewer's own calendar days, both ends included.
 */
export function useAuditUrlState(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const read = (p: Param) => params.get(AUDIT_URL_PARAMS[p]) ?? '';
  const action = read('action');
  const state = {
    reseller: read('reseller'),
    customer: read('customer'),
    actor: read('actor'),
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : ('' as const),
    from: DAY.test(read('from')) ? read('from') : '',
    to: DAY.test(read('to')) ? read('to') : '',
    sort: read('sort') || defaultSort,
  };

  const set = useCallback(
    (changes: Partial<Record<Param, string>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes) as [Param, string][]) {
          if (v && !(k === 'sort' && v === defaultSort)) next.set(AUDIT_URL_PARAMS[k], v);
          else next.delete(AUDIT_URL_PARAMS[k]);
        }
        return next;
      }),
    [setParams, defaultSort],
  );

  const filters: AuditFilters = {
    resellerId: state.reseller || undefined,
    customerId: state.customer || undefined,
    actor: state.actor || undefined,
    action: state.action || undefined,
    from: state.from ? localDayStart(state.from) : undefined,
    // The whole last day: up to the start of the next one.
    to: state.to ? localDayStart(state.to, 1) : undefined,
  };
  const filtered = Boolean(state.reseller || state.customer || state.actor || state.action || state.from || state.to);
  return { ...state, filters, filtered, set, clear: () => set({ reseller: '', customer: '', actor: '', action: '', from: '', to: '' }) };
}
