import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The grid's search text, sort and reseller filter live in the URL, so reload, back/forward and a
 * shared link all show the same view.
 */
export function useGridUrlState(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const resellerId = params.get('reseller') ?? '';

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
    setSearch: (q: string) => update({ q }),
    setSort: (s: string) => update({ sort: s === defaultSort ? '' : s }),
    setResellerId: (id: string) => update({ reseller: id }),
  };
}
