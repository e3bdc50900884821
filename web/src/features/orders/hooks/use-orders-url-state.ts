import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { ORDER_PLACED_BY, ORDER_SORT_KEYS, ORDER_STATUSES, type OrderPlacedBy, type OrderStatus } from '@app/shared';
import { DAY, localDayStart } from '@/lib/local-day';
import { ORDER_VIEW_PARAMS, type OrderViewParam } from '@/lib/paths';
import { DEFAULT_ORDER_SORT, type OrderFilters } from '../api/get-orders';

const oneOf = <T extends string>(allowed: readonly T[], v: string): T | '' => ((allowed as readonly string[]).includes(v) ? (v as T) : '');
const SORTS = ORDER_SORT_KEYS.flatMap((k) => [k, `-${k}`]);

/**
 * The Orders page's filters and sort live in the URL (`paths.orders(area, view)` builds one), so
 * reload, back/forward, a shared link and the order page's back link all show the same view.
 * Days are the viewer's own calendar days, both ends included. A value the page does not know is
 * ignored rather than sent.
 */
export function useOrdersUrlState() {
  const [params, setParams] = useSearchParams();
  const read = (p: OrderViewParam) => params.get(ORDER_VIEW_PARAMS[p]) ?? '';
  const state = {
    search: read('search'),
    status: oneOf<OrderStatus>(ORDER_STATUSES, read('status')),
    customer: /^[0-9a-f]{24}$/.test(read('customer')) ? read('customer') : '',
    placedBy: oneOf<OrderPlacedBy>(ORDER_PLACED_BY, read('placedBy')),
    from: DAY.test(read('from')) ? read('from') : '',
    to: DAY.test(read('to')) ? read('to') : '',
    sort: SORTS.includes(read('sort')) ? read('sort') : DEFAULT_ORDER_SORT,
  };

  const set = useCallback(
    (changes: Partial<Record<OrderViewParam, string>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes) as [OrderViewParam, string][]) {
          if (v && !(k === 'sort' && v === DEFAULT_ORDER_SORT)) next.set(ORDER_VIEW_PARAMS[k], v);
          else next.delete(ORDER_VIEW_PARAMS[k]);
        }
        return next;
      }),
    [setParams],
  );

  const filters: OrderFilters = {
    search: state.search || undefined,
    status: state.status || undefined,
    customerId: state.customer || undefined,
    placedBy: state.placedBy || undefined,
    from: state.from ? localDayStart(state.from) : undefined,
    // The whole last day: up to the start of the next one.
    to: state.to ? localDayStart(state.to, 1) : undefined,
  };
  const filtered = Boolean(state.search || state.status || state.customer || state.placedBy || state.from || state.to);
  return { ...state, filters, filtered, set, clear: () => set({ search: '', status: '', customer: '', placedBy: '', from: '', to: '' }) };
}
