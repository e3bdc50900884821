import { QUERY_ROOTS } from '@/lib/query-keys';

export interface CatalogueFilter {
  search: string;
  category: string;
  /** Staff: at this customer's prices. */
  customerId?: string;
}

/** The storefront's query keys, from the catalogue root. */
export const catalogueKeys = {
  all: [QUERY_ROOTS.catalogue] as const,
  lists: () => [...catalogueKeys.all, 'list'] as const,
  deliveryOptions: (customerId: string) => [...catalogueKeys.all, 'delivery-options', customerId] as const,
  list: (filter: CatalogueFilter) => [...catalogueKeys.lists(), { search: filter.search, category: filter.category, customerId: filter.customerId ?? '' }] as const,
};
