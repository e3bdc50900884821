import { QUERY_ROOTS } from '@/lib/query-keys';

export const storefrontUserKeys = {
  all: [QUERY_ROOTS.storefrontUsers] as const,
  list: (customerId: string, search: string) => [...storefrontUserKeys.all, customerId, search] as const,
  ofCustomer: (customerId: string) => [...storefrontUserKeys.all, customerId] as const,
};
