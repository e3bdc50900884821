import { QUERY_ROOTS } from '@/lib/query-keys';

/** The price levels' query keys, from their root; a customer's levels sit under it too. */
export const priceLevelKeys = {
  all: [QUERY_ROOTS.priceLevels] as const,
  list: (resellerId = '') => [...priceLevelKeys.all, 'list', resellerId] as const,
  ofCustomer: (customerId: string) => [...priceLevelKeys.all, 'customer', customerId] as const,
};

/** Where each price list downloads from: the signed-in customer's own, or one customer's for staff. */
export const priceListUrl = (customerId?: string) => (customerId ? `/api/customers/${customerId}/price-list.xlsx` : '/api/price-list.xlsx');
