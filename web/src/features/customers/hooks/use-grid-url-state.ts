import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { CUSTOMER_FILTER_KEYS, type CustomerFilterKey, type CustomerFilters } from '@app/shared';

const yesNo = (v: string | null) => (v === 'yes' || v === 'no' ? v : undefined);

/**
 * The grid's search text, sort, filters and reseller live in the URL (the filters under the API's
 * own parameter names), so reload, back/forward and a
 * shared link all show the same view.
 */
export function useGridUrlState(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const resellerId = params.get('reseller') ?? '';
  const priceLevelId = params.get('level') ?? '';
  const filters: CustomerFilters = {
    ...Object.fromEntries(CUSTOMER_FILTER_KEYS.map((k) => [k, yesNo(params.get(k))]).filter(([, v]) => v)),
    ...(priceLevelId ? { priceLevelId } : {}),
  };

  const update = useCallback(
    (changes: Record<string, string>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );

  return {
    search,
    sort,
    resellerId,
    filters,
    setFilter: (k: CustomerFilterKey, v: 'yes' | 'no' | '') => update({ [k]: v }),
    setSearch: (q: string) => update({ q }),
    setSort: (s: string) => update({ sort: s === defaultSort ? '' : s }),
    setResellerId: (id: string) => update({ reseller: id }),
    setPriceLevelId: (id: string) => update({ level: id }),
  };
}
