import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StorefrontUserList } from '@app/shared';
import { apiRequest, toQueryString } from '@/lib/api-client';
import { storefrontUserKeys } from './keys';

export function useStorefrontUsers(customerId: string, search: string) {
  return useQuery({
    queryKey: storefrontUserKeys.list(customerId, search),
    queryFn: ({ signal }) =>
      apiRequest<StorefrontUserList>(`/api/customers/${customerId}/storefront-users${toQueryString({ search })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
