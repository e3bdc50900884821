import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Catalogue } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { catalogueKeys, type CatalogueFilter } from './keys';

export function getCatalogue(filter: CatalogueFilter, signal?: AbortSignal): Promise<Catalogue> {
  return apiRequest<Catalogue>(`/api/catalogue${toQueryString({ search: filter.search.trim(), category: filter.category, customerId: filter.customerId })}`, { signal });
}

/** The catalogue at the signed-in customer's prices; the previous answer stays on screen while a new filter loads. */
export function useCatalogue(filter: CatalogueFilter, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: catalogueKeys.list(filter),
    queryFn: ({ signal }) => getCatalogue(filter, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** The whole catalogue, unfiltered: the cart and the review price their lines from it (fetched once they are open). */
export const useFullCatalogue = (enabled = true, customerId?: string) => useCatalogue({ search: '', category: '', customerId }, { enabled });
