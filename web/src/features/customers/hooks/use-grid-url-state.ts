import { useUrlParams } from '@/lib/use-url-params';

const PARAMS = { search: 'q', sort: 'sort', resellerId: 'reseller' } as const;

/**
 * The grid's search text, sort and reseller filter live in the URL, so reload, back/forward and a
 * shared link all show the same view.
 */
export function useGridUrlState(defaultSort: string) {
  const { values, set } = useUrlParams(PARAMS, { sort: defaultSort });
  return {
    ...values,
    setSearch: (q: string) => set({ search: q }),
    setSort: (s: string) => set({ sort: s }),
    setResellerId: (id: string) => set({ resellerId: id }),
  };
}
